package io.testlanes.examples.shop.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.junit.TestLanes;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class CustomerLookupTest {
  CustomerRepository customers;

  @BeforeEach
  void setUp(DataSource db) {
    customers = new CustomerRepository(db);
    customers.register("alice@example.com", "Alice Archer");
    customers.register("bob@example.com", "Bob Baker");
    customers.register("alina@example.com", "Alina Ali");
  }

  @Test
  void findsACustomerById() {
    assertThat(customers.find(2)).get().extracting(Customer::email).isEqualTo("bob@example.com");
  }

  @Test
  void findsACustomerByEmailInAnyCase() {
    assertThat(customers.findByEmail("ALICE@example.com"))
        .get()
        .extracting(Customer::id)
        .isEqualTo(1L);
  }

  @Test
  void unknownIdsFindNothing() {
    assertThat(customers.find(4)).isEmpty();
    assertThat(customers.find(42)).isEmpty();
  }

  @Test
  void searchMatchesPartOfTheNameIgnoringCase() {
    assertThat(customers.search("ali"))
        .extracting(Customer::name)
        .containsExactly("Alice Archer", "Alina Ali");
  }

  @Test
  void searchTreatsWildcardsLiterally() {
    assertThat(customers.search("%")).isEmpty();
  }

  @Test
  void renameChangesTheName() {
    assertThat(customers.rename(3, "Alina Smith")).isTrue();

    assertThat(customers.find(3)).get().extracting(Customer::name).isEqualTo("Alina Smith");
    assertThat(customers.rename(99, "Nobody")).isFalse();
  }

  @Test
  void thereAreThreeCustomers() {
    assertThat(customers.count()).isEqualTo(3);
  }
}
