package io.testlanes.examples.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class StockTest {
  DataSource db;
  ProductCatalog catalog;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    this.catalog = new ProductCatalog(db);
    Catalog.stock(catalog);
  }

  @Test
  void initialStockIsWhatWasAdded() {
    assertThat(catalog.stockOf(Catalog.MUG)).isEqualTo(10);
    assertThat(catalog.stockOf(Catalog.CAP)).isEqualTo(3);
  }

  @Test
  void aDeliveryAddsToTheStock() {
    assertThat(catalog.restock(Catalog.CAP, 12)).isEqualTo(15);
    assertThat(catalog.stockOf(Catalog.CAP)).isEqualTo(15);
  }

  @Test
  void deliveriesOfNothingAreRejected() {
    assertThatThrownBy(() -> catalog.restock(Catalog.CAP, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(catalog.stockOf(Catalog.CAP)).isEqualTo(3);
  }

  @Test
  void stockOfAnUnknownProductIsAnError() {
    assertThatThrownBy(() -> catalog.stockOf("GHOST-1"))
        .isInstanceOf(UnknownProductException.class);
    assertThatThrownBy(() -> catalog.restock("GHOST-1", 5))
        .isInstanceOf(UnknownProductException.class);
  }

  @Test
  void totalUnitsOnHand() {
    assertThat(Sql.number(db, "SELECT sum(on_hand) FROM stock")).isEqualTo(68);
  }

  @Test
  void stockCannotGoNegative() {
    assertThatThrownBy(
            () -> Sql.execute(db, "UPDATE stock SET on_hand = on_hand - 4 WHERE product_id = 3"))
        .hasMessageContaining("stock_on_hand_check");
    assertThat(catalog.stockOf(Catalog.CAP)).isEqualTo(3);
  }
}
