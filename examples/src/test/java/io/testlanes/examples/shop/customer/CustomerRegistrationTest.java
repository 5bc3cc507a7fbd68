package io.testlanes.examples.shop.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class CustomerRegistrationTest {
  DataSource db;
  CustomerRepository customers;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    this.customers = new CustomerRepository(db);
  }

  @Test
  void firstCustomerGetsIdOne() {
    Customer alice = customers.register("alice@example.com", "Alice");

    assertThat(alice.id()).isEqualTo(1);
    assertThat(alice.email()).isEqualTo("alice@example.com");
  }

  @Test
  void idsFollowTheRegistrationOrder() {
    Customer alice = customers.register("alice@example.com", "Alice");
    Customer bob = customers.register("bob@example.com", "Bob");
    Customer carol = customers.register("carol@example.com", "Carol");

    assertThat(alice.id()).isEqualTo(1);
    assertThat(bob.id()).isEqualTo(2);
    assertThat(carol.id()).isEqualTo(3);
    assertThat(Sql.count(db, "customers")).isEqualTo(3);
  }

  @Test
  void aSecondRegistrationWithTheSameEmailIsRejected() {
    customers.register("alice@example.com", "Alice");

    assertThatThrownBy(() -> customers.register("alice@example.com", "Alice Again"))
        .isInstanceOf(DuplicateEmailException.class)
        .hasMessageContaining("alice@example.com");
    assertThat(Sql.count(db, "customers")).isEqualTo(1);
  }

  @Test
  void emailsAreStoredInLowerCase() {
    customers.register("  Alice@Example.COM ", "Alice");

    assertThat(Sql.column(db, "SELECT email FROM customers")).containsExactly("alice@example.com");
  }

  @Test
  void differentCaseIsTheSameEmail() {
    customers.register("bob@example.com", "Bob");

    assertThatThrownBy(() -> customers.register("BOB@example.com", "Bobby"))
        .isInstanceOf(DuplicateEmailException.class);
  }

  @Test
  void registrationNeedsAnEmailAndAName() {
    assertThatThrownBy(() -> customers.register("not-an-address", "Alice"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not-an-address");
    assertThatThrownBy(() -> customers.register("alice@example.com", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(customers.count()).isZero();
  }
}
