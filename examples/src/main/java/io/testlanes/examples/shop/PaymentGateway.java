package io.testlanes.examples.shop;

/** The payment provider: a remote call that charges a customer's card. */
@FunctionalInterface
public interface PaymentGateway {

  /** Charges {@code amountCents} for an order. */
  Payment charge(long orderId, long customerId, long amountCents);

  /** The provider's answer: approved with its reference, or declined with a reason. */
  record Payment(boolean approved, String reference) {
    public static Payment approved(String reference) {
      return new Payment(true, reference);
    }

    public static Payment declined(String reason) {
      return new Payment(false, reason);
    }
  }
}
