package io.testlanes.examples.shop.catalog;

import io.testlanes.examples.shop.jdbc.DataAccessException;
import io.testlanes.examples.shop.jdbc.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Products and their stock. */
public final class ProductCatalog {
  private static final String COLUMNS = "id, sku, name, price_cents, active";

  private final Jdbc jdbc;

  public ProductCatalog(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Adds a product with its initial stock, in one transaction. */
  public Product add(String sku, String name, int priceCents, int initialStock) {
    requireSku(sku);
    if (priceCents < 0) {
      throw new IllegalArgumentException("a price is >= 0 cents, got " + priceCents);
    }
    if (initialStock < 0) {
      throw new IllegalArgumentException("stock is >= 0, got " + initialStock);
    }
    try {
      return jdbc.inTransaction(
          "add product " + sku,
          c -> {
            Product p =
                Jdbc.query(
                        c,
                        "INSERT INTO products (sku, name, price_cents) VALUES (?, ?, ?) RETURNING "
                            + COLUMNS,
                        ProductCatalog::map,
                        sku,
                        name,
                        priceCents)
                    .get(0);
            Jdbc.update(
                c, "INSERT INTO stock (product_id, on_hand) VALUES (?, ?)", p.id(), initialStock);
            return p;
          });
    } catch (DataAccessException e) {
      if (Jdbc.violates(e, "products_sku_key")) {
        throw new DuplicateSkuException(sku, e);
      }
      throw e;
    }
  }

  /**
   * Loads many products at once (a supplier's price list), with JDBC batches; returns how many.
   * Each item is {@code sku, name, priceCents, stock}.
   */
  public int addAll(List<NewProduct> products) {
    return jdbc.inTransaction(
        "load " + products.size() + " products",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "WITH p AS (INSERT INTO products (sku, name, price_cents) VALUES (?, ?, ?)"
                      + " RETURNING id) INSERT INTO stock (product_id, on_hand)"
                      + " SELECT id, ? FROM p")) {
            int pending = 0;
            for (NewProduct p : products) {
              requireSku(p.sku());
              Jdbc.bind(insert, p.sku(), p.name(), p.priceCents(), p.stock());
              insert.addBatch();
              if (++pending == 500) {
                insert.executeBatch();
                pending = 0;
              }
            }
            if (pending > 0) {
              insert.executeBatch();
            }
          }
          return products.size();
        });
  }

  /** One product of a bulk load. */
  public record NewProduct(String sku, String name, int priceCents, int stock) {}

  public Optional<Product> find(String sku) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM products WHERE sku = ?", ProductCatalog::map, sku);
  }

  /** The product, if it exists and is sold. */
  public Product require(String sku) {
    Product p = find(sku).orElseThrow(() -> new UnknownProductException(sku, "does not exist"));
    if (!p.active()) {
      throw new UnknownProductException(sku, "is no longer sold");
    }
    return p;
  }

  /** Active products, by SKU, one page at a time. */
  public List<Product> activeProducts(int offset, int limit) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM products WHERE active ORDER BY sku OFFSET ? LIMIT ?",
        ProductCatalog::map,
        offset,
        limit);
  }

  public long countActive() {
    return jdbc.queryOne("SELECT count(*) FROM products WHERE active", rs -> rs.getLong(1))
        .orElseThrow();
  }

  public int stockOf(String sku) {
    return jdbc.queryOne(
            "SELECT s.on_hand FROM stock s JOIN products p ON p.id = s.product_id WHERE p.sku = ?",
            rs -> rs.getInt(1),
            sku)
        .orElseThrow(() -> new UnknownProductException(sku, "does not exist"));
  }

  /** Adds delivered units to the stock; returns the new stock. */
  public int restock(String sku, int delivered) {
    if (delivered <= 0) {
      throw new IllegalArgumentException("a delivery has > 0 units, got " + delivered);
    }
    return jdbc.queryOne(
            "UPDATE stock s SET on_hand = s.on_hand + ?, updated_at = now() FROM products p"
                + " WHERE p.id = s.product_id AND p.sku = ? RETURNING s.on_hand",
            rs -> rs.getInt(1),
            delivered,
            sku)
        .orElseThrow(() -> new UnknownProductException(sku, "does not exist"));
  }

  public void changePrice(String sku, int priceCents) {
    if (priceCents < 0) {
      throw new IllegalArgumentException("a price is >= 0 cents, got " + priceCents);
    }
    if (jdbc.update("UPDATE products SET price_cents = ? WHERE sku = ?", priceCents, sku) != 1) {
      throw new UnknownProductException(sku, "does not exist");
    }
  }

  /** Stops selling a product; its past orders keep it. */
  public void withdraw(String sku) {
    if (jdbc.update("UPDATE products SET active = false WHERE sku = ?", sku) != 1) {
      throw new UnknownProductException(sku, "does not exist");
    }
  }

  /** Active products with at most {@code threshold} units left, fewest first. */
  public List<StockLevel> lowStock(int threshold) {
    return jdbc.query(
        "SELECT p.sku, p.name, s.on_hand FROM products p JOIN stock s ON s.product_id = p.id"
            + " WHERE p.active AND s.on_hand <= ? ORDER BY s.on_hand, p.sku",
        rs -> new StockLevel(rs.getString(1), rs.getString(2), rs.getInt(3)),
        threshold);
  }

  private static void requireSku(String sku) {
    if (!sku.matches("[A-Z0-9][A-Z0-9-]{1,31}")) {
      throw new IllegalArgumentException(
          "a SKU is 2-32 upper-case letters, digits and dashes, got '" + sku + "'");
    }
  }

  private static Product map(ResultSet rs) throws SQLException {
    return new Product(
        rs.getLong("id"),
        rs.getString("sku"),
        rs.getString("name"),
        rs.getInt("price_cents"),
        rs.getBoolean("active"));
  }
}
