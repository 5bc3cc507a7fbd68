package io.testlanes.examples.springshop.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import io.testlanes.examples.springshop.PaymentGateway;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** A payment provider that declines: its own configuration, so its own contexts per lane. */
class DeclinedPaymentTest extends ShopTest {
  @MockitoBean PaymentGateway payments;

  @Test
  void aDeclinedPaymentPlacesNoOrderAndKeepsTheStock() {
    when(payments.charge(anyString(), anyLong())).thenReturn(false);
    stockTheShelves();
    carts.add("nina", "MUG-1", 1);
    assertThatThrownBy(() -> orders.checkout("nina")).hasMessageContaining("payment declined");
    work();
    assertThat(rows("orders")).isZero();
    assertThat(catalog.find("MUG-1").orElseThrow().stock()).isEqualTo(10);
  }

  @Test
  void theCartIsKeptForAnotherTry() {
    when(payments.charge(anyString(), anyLong())).thenReturn(false);
    stockTheShelves();
    carts.add("omar", "PEN-1", 2);
    assertThatThrownBy(() -> orders.checkout("omar")).isInstanceOf(IllegalStateException.class);
    assertThat(carts.openCarts()).isEqualTo(1);
  }
}
