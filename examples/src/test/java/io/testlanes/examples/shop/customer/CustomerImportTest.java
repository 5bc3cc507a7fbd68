package io.testlanes.examples.shop.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customers moved over from the old shop keep their ids. */
@TestLanes
class CustomerImportTest {
  DataSource db;
  CustomerRepository customers;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    this.customers = new CustomerRepository(db);
  }

  @Test
  void importedCustomerKeepsItsId() {
    customers.importWithId(42, "dora@example.com", "Dora");

    assertThat(customers.find(42)).get().extracting(Customer::name).isEqualTo("Dora");
  }

  @Test
  void registrationsAfterAnImportContinueAfterTheHighestId() {
    customers.importWithId(42, "dora@example.com", "Dora");

    Customer next = customers.register("eve@example.com", "Eve");

    assertThat(next.id()).isEqualTo(43);
  }

  @Test
  void importingTheSameIdTwiceFails() {
    customers.importWithId(42, "dora@example.com", "Dora");

    assertThatThrownBy(() -> customers.importWithId(42, "other@example.com", "Other"))
        .hasMessageContaining("customers_pkey");
    assertThat(Sql.count(db, "customers")).isEqualTo(1);
  }

  @Test
  void importingAnEmailThatIsTakenFails() {
    customers.register("dora@example.com", "Dora");

    assertThatThrownBy(() -> customers.importWithId(42, "dora@example.com", "Dora (old shop)"))
        .isInstanceOf(DuplicateEmailException.class);
    assertThat(customers.find(42)).isEmpty();
  }

  @Test
  void aBatchOfImportsKeepsEveryId() {
    long[] ids = {7, 42, 1001};
    for (long id : ids) {
      customers.importWithId(id, "customer" + id + "@example.com", "Customer " + id);
    }

    assertThat(Sql.column(db, "SELECT id FROM customers ORDER BY id"))
        .containsExactly("7", "42", "1001");
    assertThat(customers.register("new@example.com", "New").id()).isEqualTo(1002);
  }
}
