package io.testlanes.examples.springshop;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Products and their stock, in Postgres. */
@Repository
public class Catalog {
  private final JdbcTemplate jdbc;

  public Catalog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void add(Product p) {
    jdbc.update(
        "INSERT INTO products (sku, name, price_cents, currency, stock) VALUES (?, ?, ?, ?, ?)",
        p.sku(),
        p.name(),
        p.priceCents(),
        p.currency(),
        p.stock());
  }

  public List<Product> all() {
    return jdbc.query(
        "SELECT sku, name, price_cents, currency, stock FROM products ORDER BY sku",
        (rs, i) ->
            new Product(
                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5)));
  }

  public Optional<Product> find(String sku) {
    return all().stream().filter(p -> p.sku().equals(sku)).findFirst();
  }

  /** Takes {@code quantity} from stock; false when there is not enough. */
  public boolean take(String sku, int quantity) {
    return jdbc.update(
            "UPDATE products SET stock = stock - ? WHERE sku = ? AND stock >= ?",
            quantity,
            sku,
            quantity)
        == 1;
  }

  public void restock(String sku, int quantity) {
    jdbc.update("UPDATE products SET stock = stock + ? WHERE sku = ?", quantity, sku);
  }

  public List<Product> lowStock(int threshold) {
    return all().stream().filter(p -> p.stock() < threshold).toList();
  }

  /** A price as the currency shows it: {@code €12.50}, {@code ¥1200}. */
  public String formatPrice(long cents, String currency) {
    // Spring 6 marks queryForObject @Nullable (a row mapper may return null), Spring 7 does not.
    return java.util.Objects.requireNonNull(
        jdbc.queryForObject(
            "SELECT symbol, decimals FROM currencies WHERE code = ?",
            (rs, i) -> {
              int decimals = rs.getInt(2);
              if (decimals == 0) {
                return rs.getString(1) + cents;
              }
              return String.format(
                  java.util.Locale.ROOT, "%s%d.%02d", rs.getString(1), cents / 100, cents % 100);
            },
            currency),
        "currency " + currency);
  }

  public List<String> currencies() {
    return jdbc.queryForList("SELECT code FROM currencies ORDER BY code", String.class);
  }
}
