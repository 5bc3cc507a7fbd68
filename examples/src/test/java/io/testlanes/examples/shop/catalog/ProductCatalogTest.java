package io.testlanes.examples.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class ProductCatalogTest {
  DataSource db;
  ProductCatalog catalog;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    this.catalog = new ProductCatalog(db);
  }

  @Test
  void firstProductGetsIdOne() {
    Product mug = catalog.add("MUG-01", "Enamel mug", 1200, 10);

    assertThat(mug.id()).isEqualTo(1);
    assertThat(mug.active()).isTrue();
  }

  @Test
  void addingAProductAlsoCreatesItsStock() {
    catalog.add("MUG-01", "Enamel mug", 1200, 10);
    catalog.add("TEE-M", "T-shirt, M", 2500, 0);

    assertThat(Sql.count(db, "products")).isEqualTo(2);
    assertThat(Sql.count(db, "stock")).isEqualTo(2);
    assertThat(Sql.number(db, "SELECT sum(on_hand) FROM stock")).isEqualTo(10);
  }

  @Test
  void skusAreUnique() {
    catalog.add("MUG-01", "Enamel mug", 1200, 10);

    assertThatThrownBy(() -> catalog.add("MUG-01", "Another mug", 900, 1))
        .isInstanceOf(DuplicateSkuException.class);
    assertThat(Sql.count(db, "products")).isEqualTo(1);
    assertThat(Sql.count(db, "stock")).isEqualTo(1);
  }

  @Test
  void malformedSkusAndPricesAreRejected() {
    assertThatThrownBy(() -> catalog.add("mug 01", "Mug", 1200, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mug 01");
    assertThatThrownBy(() -> catalog.add("MUG-01", "Mug", -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Sql.count(db, "products")).isZero();
  }

  @Test
  void priceChangesAreStored() {
    catalog.add("MUG-01", "Enamel mug", 1200, 10);

    catalog.changePrice("MUG-01", 1400);

    assertThat(catalog.find("MUG-01")).get().extracting(Product::priceCents).isEqualTo(1400);
  }

  @Test
  void withdrawnProductsAreNoLongerSold() {
    catalog.add("MUG-01", "Enamel mug", 1200, 10);
    catalog.add("CAP-01", "Cap", 1800, 3);

    catalog.withdraw("CAP-01");

    assertThat(catalog.countActive()).isEqualTo(1);
    assertThatThrownBy(() -> catalog.require("CAP-01"))
        .isInstanceOf(UnknownProductException.class)
        .hasMessageContaining("no longer sold");
    assertThat(catalog.require("MUG-01").id()).isEqualTo(1);
  }

  @Test
  void unknownSkusAreReported() {
    assertThatThrownBy(() -> catalog.require("NOPE-1"))
        .isInstanceOf(UnknownProductException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> catalog.changePrice("NOPE-1", 100))
        .isInstanceOf(UnknownProductException.class);
  }
}
