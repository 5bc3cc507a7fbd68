package io.testlanes.examples.shop.support;

import io.testlanes.examples.shop.catalog.ProductCatalog;

/** The products most tests sell. */
public final class Catalog {
  public static final String MUG = "MUG-01";
  public static final String TEE = "TEE-M";
  public static final String CAP = "CAP-01";
  public static final String POSTER = "POSTER-A2";

  private Catalog() {}

  /**
   * Adds MUG-01 (12.00, 10 on hand), TEE-M (25.00, 5), CAP-01 (18.00, 3), POSTER-A2 (9.00, 50): ids
   * 1 to 4.
   */
  public static void stock(ProductCatalog catalog) {
    catalog.add(MUG, "Enamel mug", 1200, 10);
    catalog.add(TEE, "T-shirt, M", 2500, 5);
    catalog.add(CAP, "Cap", 1800, 3);
    catalog.add(POSTER, "Poster A2", 900, 50);
  }
}
