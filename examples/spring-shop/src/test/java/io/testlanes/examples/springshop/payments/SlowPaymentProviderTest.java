package io.testlanes.examples.springshop.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import io.testlanes.examples.springshop.PaymentGateway;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** A slow payment provider: tests wait, other classes run in the other lanes meanwhile. */
class SlowPaymentProviderTest extends ShopTest {
  @MockitoBean PaymentGateway payments;

  @Test
  void aSlowPaymentStillPlacesTheOrder() {
    when(payments.charge(anyString(), anyLong()))
        .thenAnswer(
            i -> {
              Thread.sleep(600);
              return true;
            });
    stockTheShelves();
    carts.add("quinn", "TEA-1", 1);
    assertThat(orders.checkout("quinn").id()).isEqualTo(1);
    assertThat(rows("orders")).isEqualTo(1);
  }
}
