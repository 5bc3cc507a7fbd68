package io.testlanes.examples.shop.shipping;

import io.testlanes.examples.shop.jdbc.Jdbc;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Shipping costs from the reference tables {@code shipping_zones} and {@code countries}: each
 * country is in one zone; a zone has a flat rate, and may ship free from an order total on.
 */
public final class ShippingRates {
  private final Jdbc jdbc;

  public ShippingRates(DataSource postgres) {
    this.jdbc = new Jdbc(postgres);
  }

  /** The country with ISO code {@code code} ({@code DE}, {@code ch}), if the shop ships there. */
  public Optional<Country> country(String code) {
    return jdbc.queryOne(
        "SELECT code, name, zone FROM countries WHERE code = ?",
        r -> new Country(r.getString(1), r.getString(2), r.getString(3)),
        code.toUpperCase(Locale.ROOT));
  }

  /** The codes of the countries in {@code zone}, in alphabetical order. */
  public List<String> countriesIn(String zone) {
    return jdbc.query(
        "SELECT code FROM countries WHERE zone = ? ORDER BY code", r -> r.getString(1), zone);
  }

  /**
   * What shipping an order of {@code orderTotalCents} to {@code countryCode} costs.
   *
   * @throws UnknownCountryException if the shop does not ship there
   */
  public long quoteCents(String countryCode, long orderTotalCents) {
    return jdbc.queryOne(
            "SELECT z.rate_cents, z.free_from_cents FROM countries c"
                + " JOIN shipping_zones z ON z.code = c.zone WHERE c.code = ?",
            r -> {
              long rate = r.getLong(1);
              long freeFrom = r.getLong(2);
              boolean free = !r.wasNull() && orderTotalCents >= freeFrom;
              return free ? 0L : rate;
            },
            countryCode.toUpperCase(Locale.ROOT))
        .orElseThrow(() -> new UnknownCountryException(countryCode));
  }
}
