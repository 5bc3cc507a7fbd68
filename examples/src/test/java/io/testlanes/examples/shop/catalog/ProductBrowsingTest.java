package io.testlanes.examples.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Cql;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Looking at products reads Postgres and writes Cassandra. */
@TestLanes
class ProductBrowsingTest {
  CqlSession cassandra;
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.cassandra = cassandra;
    shop = new Shop(db, cassandra, redis, Payments.approving(), Clock.systemUTC());
    Catalog.stock(shop.catalog());
  }

  @Test
  void viewingShowsTheProduct() {
    Product p = shop.view(42, Catalog.MUG);

    assertThat(p.id()).isEqualTo(1);
    assertThat(p.priceCents()).isEqualTo(1200);
  }

  @Test
  void everyViewIsCounted() {
    shop.view(42, Catalog.MUG);
    shop.view(43, Catalog.MUG);
    shop.view(42, Catalog.TEE);

    assertThat(shop.views().viewsToday(Catalog.MUG)).isEqualTo(2);
    assertThat(Cql.count(cassandra, "product_views")).isEqualTo(3);
  }

  @Test
  void viewingAWithdrawnProductFailsAndCountsNothing() {
    shop.catalog().withdraw(Catalog.CAP);

    assertThatThrownBy(() -> shop.view(42, Catalog.CAP))
        .isInstanceOf(UnknownProductException.class);
    assertThat(Cql.count(cassandra, "product_views")).isZero();
  }

  @Test
  void viewersOfTodayAreKnown() {
    shop.view(42, Catalog.POSTER);
    shop.view(7, Catalog.POSTER);

    assertThat(shop.views().viewers(Catalog.POSTER, LocalDate.now(ZoneOffset.UTC), 10))
        .containsExactly(7L, 42L);
  }
}
