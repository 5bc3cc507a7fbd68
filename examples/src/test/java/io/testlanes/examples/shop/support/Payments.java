package io.testlanes.examples.shop.support;

import io.testlanes.examples.shop.PaymentGateway;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Payment providers for tests: one that approves, one that declines, one that is slow. */
public final class Payments implements PaymentGateway {
  /** One charge the provider saw. */
  public record Charge(long orderId, long customerId, long amountCents) {}

  private final boolean approve;
  private final Duration latency;
  private final List<Charge> charges = new CopyOnWriteArrayList<>();

  private Payments(boolean approve, Duration latency) {
    this.approve = approve;
    this.latency = latency;
  }

  public static Payments approving() {
    return new Payments(true, Duration.ZERO);
  }

  public static Payments declining() {
    return new Payments(false, Duration.ZERO);
  }

  /** Approves, after a round trip to the provider's sandbox that takes {@code latency}. */
  public static Payments slow(Duration latency) {
    return new Payments(true, latency);
  }

  @Override
  public Payment charge(long orderId, long customerId, long amountCents) {
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the payment provider", e);
      }
    }
    charges.add(new Charge(orderId, customerId, amountCents));
    return approve
        ? Payment.approved("pay-" + orderId)
        : Payment.declined("card declined for order " + orderId);
  }

  public List<Charge> charges() {
    return List.copyOf(charges);
  }
}
