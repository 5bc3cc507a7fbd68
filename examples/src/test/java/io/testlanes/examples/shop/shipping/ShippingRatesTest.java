package io.testlanes.examples.shop.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads the reference rows that db/schema.sql inserts (three zones, eight countries). Two tests
 * change them; every test still finds them as the schema left them, because each reset restores
 * them.
 */
@TestLanes
class ShippingRatesTest {
  DataSource db;
  ShippingRates rates;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    rates = new ShippingRates(db);
  }

  @Test
  void theShopShipsToEightCountriesInThreeZones() {
    assertThat(Sql.column(db, "SELECT code FROM shipping_zones ORDER BY code"))
        .containsExactly("DOMESTIC", "EU", "WORLD");
    assertThat(Sql.count(db, "countries")).isEqualTo(8);
    assertThat(rates.countriesIn("EU")).containsExactly("AT", "DE", "FR", "IT");
    assertThat(rates.country("ch")).hasValue(new Country("CH", "Switzerland", "DOMESTIC"));
  }

  @Test
  void eachZoneHasItsRate() {
    assertThat(rates.quoteCents("CH", 2000)).isEqualTo(490);
    assertThat(rates.quoteCents("DE", 2000)).isEqualTo(990);
    assertThat(rates.quoteCents("US", 2000)).isEqualTo(1990);
  }

  @Test
  void domesticAndEuOrdersShipFreeFromTheirThreshold() {
    assertThat(rates.quoteCents("CH", 4999)).isEqualTo(490);
    assertThat(rates.quoteCents("CH", 5000)).isZero();
    assertThat(rates.quoteCents("FR", 9999)).isEqualTo(990);
    assertThat(rates.quoteCents("FR", 10000)).isZero();
    assertThat(rates.quoteCents("JP", 1_000_000)).isEqualTo(1990);
  }

  @Test
  void aCountryTheShopAddsShipsAtItsZonesRate() {
    Sql.execute(db, "INSERT INTO countries (code, name, zone) VALUES ('ES', 'Spain', 'EU')");

    assertThat(rates.countriesIn("EU")).containsExactly("AT", "DE", "ES", "FR", "IT");
    assertThat(rates.quoteCents("ES", 2000)).isEqualTo(990);
  }

  @Test
  void aNewRateAppliesAtOnce() {
    Sql.execute(db, "UPDATE shipping_zones SET rate_cents = 1290 WHERE code = 'EU'");

    assertThat(rates.quoteCents("DE", 2000)).isEqualTo(1290);
  }

  @Test
  void theShopDoesNotShipEverywhere() {
    assertThat(rates.country("BR")).isEmpty();
    assertThatThrownBy(() -> rates.quoteCents("BR", 2000))
        .isInstanceOf(UnknownCountryException.class)
        .hasMessage("the shop does not ship to country 'BR'");
  }
}
