package io.testlanes.examples.shop.order;

/** A coupon cannot be used for this order; nothing was ordered. */
public final class CouponRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public CouponRejectedException(String code, String why) {
    super("coupon " + code + " " + why);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
