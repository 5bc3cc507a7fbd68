package io.testlanes.examples.springshop.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.testlanes.examples.springshop.PaymentGateway;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The same mocked gateway as DeclinedPaymentTest: the same configuration, so contexts are shared.
 */
class ChargedAmountTest extends ShopTest {
  @MockitoBean PaymentGateway payments;

  @Test
  void theCustomerIsChargedTheOrderTotal() {
    when(payments.charge(eq("pia"), anyLong())).thenReturn(true);
    stockTheShelves();
    carts.add("pia", "MUG-1", 2);
    carts.add("pia", "PEN-1", 1);
    orders.checkout("pia");
    work();
    verify(payments).charge("pia", 2800);
    assertThat(orders.revenueCents()).isEqualTo(2800);
  }
}
