package io.testlanes.examples.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.shop.catalog.ProductCatalog.NewProduct;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The supplier's price list: a few thousand products in one go. */
@TestLanes
class CatalogBulkLoadTest {
  static final int PRODUCTS = 4000;

  DataSource db;
  ProductCatalog catalog;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    this.catalog = new ProductCatalog(db);
  }

  static List<NewProduct> priceList(int n) {
    List<NewProduct> list = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      list.add(new NewProduct(String.format("SKU-%05d", i), "Product " + i, 100 + i, i % 25));
    }
    return list;
  }

  @Test
  void loadsTheWholePriceList() {
    assertThat(catalog.addAll(priceList(PRODUCTS))).isEqualTo(PRODUCTS);

    assertThat(Sql.count(db, "products")).isEqualTo(PRODUCTS);
    assertThat(Sql.count(db, "stock")).isEqualTo(PRODUCTS);
    assertThat(Sql.number(db, "SELECT max(id) FROM products")).isEqualTo(PRODUCTS);
  }

  @Test
  void pagesThroughActiveProductsBySku() {
    catalog.addAll(priceList(PRODUCTS));

    List<Product> page = catalog.activeProducts(1000, 3);

    assertThat(page)
        .extracting(Product::sku)
        .containsExactly("SKU-01001", "SKU-01002", "SKU-01003");
    assertThat(page.get(0).id()).isEqualTo(1001);
  }

  @Test
  void stockOfTheLoadedProductsAddsUp() {
    catalog.addAll(priceList(PRODUCTS));

    // 160 full cycles of 0..24
    assertThat(Sql.number(db, "SELECT sum(on_hand) FROM stock")).isEqualTo(160L * 300);
    assertThat(catalog.lowStock(0)).hasSize(160);
  }

  @Test
  void aPriceListWithADuplicateLoadsNothing() {
    List<NewProduct> list = priceList(2000);
    list.add(new NewProduct("SKU-00007", "Duplicate", 1, 1));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.addAll(list))
        .hasMessageContaining("products_sku_key");
    assertThat(Sql.count(db, "products")).isZero();
  }
}
