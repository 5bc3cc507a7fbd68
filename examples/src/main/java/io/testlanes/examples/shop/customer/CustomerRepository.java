package io.testlanes.examples.shop.customer;

import io.testlanes.examples.shop.jdbc.DataAccessException;
import io.testlanes.examples.shop.jdbc.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** Registers and finds customers. E-mail addresses are unique and stored in lower case. */
public final class CustomerRepository {
  private static final String COLUMNS = "id, email, name, created_at";

  private final Jdbc jdbc;

  public CustomerRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Registers a new customer; the database assigns the id. */
  public Customer register(String email, String name) {
    String normalized = normalize(email);
    requireName(name);
    try {
      return jdbc.queryOne(
              "INSERT INTO customers (email, name) VALUES (?, ?) RETURNING " + COLUMNS,
              CustomerRepository::map,
              normalized,
              name.strip())
          .orElseThrow();
    } catch (DataAccessException e) {
      throw translate(e, normalized);
    }
  }

  /**
   * Imports a customer from the old system under the id it had there. The id sequence is moved past
   * it, so that later registrations do not collide.
   */
  public Customer importWithId(long id, String email, String name) {
    if (id <= 0) {
      throw new IllegalArgumentException("customer ids are positive, got " + id);
    }
    String normalized = normalize(email);
    requireName(name);
    try {
      return jdbc.inTransaction(
          "import customer " + id,
          c -> {
            Customer imported =
                Jdbc.query(
                        c,
                        "INSERT INTO customers (id, email, name) VALUES (?, ?, ?) RETURNING "
                            + COLUMNS,
                        CustomerRepository::map,
                        id,
                        normalized,
                        name.strip())
                    .get(0);
            Jdbc.query(
                c,
                "SELECT setval(pg_get_serial_sequence('customers', 'id'),"
                    + " greatest((SELECT max(id) FROM customers), 1))",
                rs -> rs.getLong(1));
            return imported;
          });
    } catch (DataAccessException e) {
      throw translate(e, normalized);
    }
  }

  public Optional<Customer> find(long id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM customers WHERE id = ?", CustomerRepository::map, id);
  }

  public Optional<Customer> findByEmail(String email) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM customers WHERE email = ?",
        CustomerRepository::map,
        normalize(email));
  }

  /** Customers whose name contains {@code text}, ignoring case, by name. */
  public List<Customer> search(String text) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM customers WHERE name ILIKE ? ORDER BY name, id",
        CustomerRepository::map,
        "%" + text.replace("%", "\\%").replace("_", "\\_") + "%");
  }

  /** Changes a customer's name; false if there is no such customer. */
  public boolean rename(long id, String name) {
    requireName(name);
    return jdbc.update("UPDATE customers SET name = ? WHERE id = ?", name.strip(), id) == 1;
  }

  public long count() {
    return jdbc.queryOne("SELECT count(*) FROM customers", rs -> rs.getLong(1)).orElseThrow();
  }

  private static String normalize(String email) {
    String e = email.strip().toLowerCase(Locale.ROOT);
    int at = e.indexOf('@');
    if (at <= 0 || at == e.length() - 1 || e.indexOf('@', at + 1) >= 0) {
      throw new IllegalArgumentException("not an e-mail address: '" + email + "'");
    }
    return e;
  }

  private static void requireName(String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("a customer needs a name, got a blank one");
    }
  }

  private static RuntimeException translate(DataAccessException e, String email) {
    return Jdbc.violates(e, "customers_email_key") ? new DuplicateEmailException(email, e) : e;
  }

  private static Customer map(ResultSet rs) throws SQLException {
    return new Customer(
        rs.getLong("id"),
        rs.getString("email"),
        rs.getString("name"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
