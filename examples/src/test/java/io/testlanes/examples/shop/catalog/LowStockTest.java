package io.testlanes.examples.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.junit.TestLanes;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class LowStockTest {
  ProductCatalog catalog;

  @BeforeEach
  void setUp(DataSource db) {
    catalog = new ProductCatalog(db);
    Catalog.stock(catalog);
  }

  @Test
  void listsProductsAtOrBelowTheThreshold() {
    assertThat(catalog.lowStock(5))
        .extracting(StockLevel::sku)
        .containsExactly(Catalog.CAP, Catalog.TEE);
  }

  @Test
  void listsFewestFirst() {
    assertThat(catalog.lowStock(10)).extracting(StockLevel::onHand).containsExactly(3, 5, 10);
  }

  @Test
  void aDeliveryTakesAProductOffTheList() {
    catalog.restock(Catalog.CAP, 20);

    assertThat(catalog.lowStock(5)).extracting(StockLevel::sku).containsExactly(Catalog.TEE);
  }

  @Test
  void withdrawnProductsAreNotListed() {
    catalog.withdraw(Catalog.TEE);

    assertThat(catalog.lowStock(5)).extracting(StockLevel::sku).containsExactly(Catalog.CAP);
  }
}
