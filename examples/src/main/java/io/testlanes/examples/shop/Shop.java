package io.testlanes.examples.shop;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.PaymentGateway.Payment;
import io.testlanes.examples.shop.cart.CartStore;
import io.testlanes.examples.shop.catalog.Product;
import io.testlanes.examples.shop.catalog.ProductCatalog;
import io.testlanes.examples.shop.customer.Customer;
import io.testlanes.examples.shop.customer.CustomerRepository;
import io.testlanes.examples.shop.order.LineRequest;
import io.testlanes.examples.shop.order.Order;
import io.testlanes.examples.shop.order.OrderService;
import io.testlanes.examples.shop.order.OrderStatus;
import io.testlanes.examples.shop.order.SalesReport;
import io.testlanes.examples.shop.order.UnknownOrderException;
import io.testlanes.examples.shop.ratelimit.RateLimiter;
import io.testlanes.examples.shop.session.Session;
import io.testlanes.examples.shop.session.SessionStore;
import io.testlanes.examples.shop.shipping.ShippingRates;
import io.testlanes.examples.shop.timeline.CustomerActivity;
import io.testlanes.examples.shop.timeline.EventType;
import io.testlanes.examples.shop.timeline.OrderEvent;
import io.testlanes.examples.shop.timeline.OrderTimeline;
import io.testlanes.examples.shop.timeline.ProductViews;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * The shop: what the web layer calls. A checkout reads the cart from Redis, places the order in
 * Postgres (taking the stock in the same transaction), writes the order's timeline and the
 * customer's activity to Cassandra, charges the card, and empties the cart.
 */
public final class Shop {
  /** Carts live a week after their last change. */
  public static final Duration CART_TTL = Duration.ofDays(7);

  /** Sessions end after 30 minutes without a request. */
  public static final Duration SESSION_IDLE = Duration.ofMinutes(30);

  /** At most this many checkouts per customer and minute. */
  public static final int CHECKOUTS_PER_MINUTE = 5;

  /** At most this many sign-in attempts per e-mail address and 15 minutes. */
  public static final int SIGN_INS_PER_QUARTER_HOUR = 5;

  private final CustomerRepository customers;
  private final ProductCatalog catalog;
  private final OrderService orders;
  private final SalesReport reports;
  private final CartStore carts;
  private final SessionStore sessions;
  private final RateLimiter checkoutLimit;
  private final RateLimiter signInLimit;
  private final IdempotencyKeys idempotency;
  private final OrderTimeline timeline;
  private final CustomerActivity activity;
  private final ProductViews views;
  private final ShippingRates shipping;
  private final PaymentGateway payments;

  public Shop(
      DataSource postgres,
      CqlSession cassandra,
      UnifiedJedis redis,
      PaymentGateway payments,
      Clock clock) {
    this.customers = new CustomerRepository(postgres);
    this.catalog = new ProductCatalog(postgres);
    this.shipping = new ShippingRates(postgres);
    this.orders = new OrderService(postgres, clock);
    this.reports = new SalesReport(postgres);
    this.carts = new CartStore(redis, CART_TTL);
    this.sessions = new SessionStore(redis, SESSION_IDLE, clock);
    this.checkoutLimit =
        new RateLimiter(redis, "checkout", CHECKOUTS_PER_MINUTE, Duration.ofMinutes(1), clock);
    this.signInLimit =
        new RateLimiter(redis, "sign-in", SIGN_INS_PER_QUARTER_HOUR, Duration.ofMinutes(15), clock);
    this.idempotency = new IdempotencyKeys(redis, Duration.ofDays(1));
    this.timeline = new OrderTimeline(cassandra);
    this.activity = new CustomerActivity(cassandra);
    this.views = new ProductViews(cassandra, clock);
    this.payments = payments;
  }

  /** Registers a customer. */
  public Customer register(String email, String name) {
    Customer c = customers.register(email, name);
    activity.record(c.id(), "REGISTERED", c.email());
    return c;
  }

  /**
   * Signs a customer in by e-mail (the link in the mail was followed). Empty if no customer has
   * this address; attempts per address are limited either way.
   */
  public Optional<Session> signIn(String email) {
    signInLimit.acquire(email);
    Optional<Customer> c = customers.findByEmail(email);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    signInLimit.reset(email);
    Session s = sessions.open(c.get().id());
    activity.record(c.get().id(), "SIGNED_IN", "session");
    return Optional.of(s);
  }

  /** Shows a product to a customer, and remembers that they looked. */
  public Product view(long customerId, String sku) {
    Product p = catalog.require(sku);
    views.record(sku, customerId);
    return p;
  }

  /** Puts units of a product in the customer's cart; returns how many of it the cart holds. */
  public int addToCart(long customerId, String sku, int quantity) {
    catalog.require(sku);
    int now = carts.add(customerId, sku, quantity);
    activity.record(customerId, "CART_ADD", sku + " x" + quantity);
    return now;
  }

  /**
   * Checks the customer's cart out: places the order, charges it and empties the cart. A declined
   * payment cancels the order and keeps the cart. The same {@code idempotencyKey} again returns the
   * first checkout's receipt instead of ordering twice.
   */
  public Receipt checkout(long customerId, String idempotencyKey, @Nullable String couponCode) {
    checkoutLimit.acquire("customer-" + customerId);
    OptionalLong earlier = idempotency.claim(idempotencyKey);
    if (earlier.isPresent()) {
      return receiptOf(earlier.getAsLong());
    }
    try {
      Map<String, Integer> cart = carts.items(customerId);
      if (cart.isEmpty()) {
        throw new EmptyCartException(customerId);
      }
      List<LineRequest> lines = new ArrayList<>();
      cart.forEach((sku, qty) -> lines.add(new LineRequest(sku, qty)));

      Order order = orders.place(customerId, lines, couponCode);
      long id = order.id();
      timeline.append(
          id, EventType.PLACED, order.itemCount() + " item(s), " + order.totalCents() + " cents");
      activity.record(customerId, "ORDER_PLACED", "order " + id);
      activity.countOrder(customerId, order.itemCount(), order.totalCents());

      timeline.append(id, EventType.PAYMENT_REQUESTED, order.totalCents() + " cents");
      Payment payment = payments.charge(id, customerId, order.totalCents());
      if (payment.approved()) {
        orders.markPaid(id);
        timeline.append(id, EventType.PAID, payment.reference());
        carts.clear(customerId);
        idempotency.complete(idempotencyKey, id);
        return new Receipt(
            id, order.totalCents(), order.itemCount(), OrderStatus.PAID, payment.reference());
      }
      orders.cancel(id);
      timeline.append(id, EventType.PAYMENT_DECLINED, payment.reference());
      timeline.append(id, EventType.CANCELLED, "payment declined");
      activity.countCancellation(customerId, order.totalCents());
      activity.record(customerId, "PAYMENT_DECLINED", "order " + id);
      idempotency.release(idempotencyKey);
      return new Receipt(
          id, order.totalCents(), order.itemCount(), OrderStatus.CANCELLED, payment.reference());
    } catch (RuntimeException e) {
      idempotency.release(idempotencyKey);
      throw e;
    }
  }

  private Receipt receiptOf(long orderId) {
    Order o = orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
    return new Receipt(o.id(), o.totalCents(), o.itemCount(), o.status(), "repeated request");
  }

  /** Hands a paid order to the carrier. */
  public void ship(long orderId, String trackingNumber) {
    Order o = orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
    orders.markShipped(orderId);
    timeline.append(orderId, EventType.SHIPPED, trackingNumber);
    activity.record(o.customerId(), "ORDER_SHIPPED", "order " + orderId);
  }

  /** Cancels an order that was not shipped; false if it was cancelled already. */
  public boolean cancel(long orderId, String reason) {
    Order o = orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
    if (!orders.cancel(orderId)) {
      return false;
    }
    timeline.append(orderId, EventType.CANCELLED, reason);
    activity.countCancellation(o.customerId(), o.totalCents());
    activity.record(o.customerId(), "ORDER_CANCELLED", "order " + orderId);
    return true;
  }

  /** What happened to an order, oldest first. */
  public List<OrderEvent> history(long orderId) {
    return timeline.chronological(orderId);
  }

  public ShippingRates shipping() {
    return shipping;
  }

  public CustomerRepository customers() {
    return customers;
  }

  public ProductCatalog catalog() {
    return catalog;
  }

  public OrderService orders() {
    return orders;
  }

  public SalesReport reports() {
    return reports;
  }

  public CartStore carts() {
    return carts;
  }

  public SessionStore sessions() {
    return sessions;
  }

  public OrderTimeline timeline() {
    return timeline;
  }

  public CustomerActivity activity() {
    return activity;
  }

  public ProductViews views() {
    return views;
  }
}
