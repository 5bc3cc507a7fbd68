package io.testlanes.examples.springshop;

import org.springframework.stereotype.Component;

/** Charges customers; the real one is an external service, here it always accepts. */
@Component
public class PaymentGateway {
  /** Charges {@code cents}; returns whether the payment was accepted. */
  public boolean charge(String customer, long cents) {
    return cents >= 0;
  }
}
