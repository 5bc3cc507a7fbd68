package io.testlanes.examples.shop.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A class with data of its own: islands.sql (next to this class) adds a zone and three countries to
 * the schema's reference rows, in this class's lane only, before each test. {@link
 * ShippingRatesTest}, running at the same time on another lane, still finds three zones.
 */
@TestLanes(data = "islands.sql")
class IslandShippingTest {
  DataSource db;
  ShippingRates rates;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    rates = new ShippingRates(db);
  }

  @Test
  void theClassSeesTheSchemasZonesAndItsOwn() {
    assertThat(Sql.column(db, "SELECT code FROM shipping_zones ORDER BY code"))
        .containsExactly("DOMESTIC", "EU", "ISLANDS", "WORLD");
    assertThat(Sql.count(db, "countries")).isEqualTo(11);
    assertThat(rates.countriesIn("ISLANDS")).containsExactly("FO", "GL", "IS");
  }

  @Test
  void islandsPayTheirRateWhateverTheTotal() {
    assertThat(rates.quoteCents("IS", 2000)).isEqualTo(2490);
    assertThat(rates.quoteCents("GL", 1_000_000)).isEqualTo(2490);
    assertThat(rates.quoteCents("DE", 2000)).as("the schema's zones as before").isEqualTo(990);
  }

  @Test
  void aCountryMovedToTheIslands() {
    Sql.execute(db, "UPDATE countries SET zone = 'ISLANDS' WHERE code = 'GB'");

    assertThat(rates.countriesIn("ISLANDS")).containsExactly("FO", "GB", "GL", "IS");
    assertThat(rates.quoteCents("GB", 2000)).isEqualTo(2490);
  }

  @Test
  void theWorldZoneIsAsTheSchemaLeftIt() {
    assertThat(rates.countriesIn("WORLD")).containsExactly("GB", "JP", "US");
  }
}
