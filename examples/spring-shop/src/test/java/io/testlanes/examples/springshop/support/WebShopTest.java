package io.testlanes.examples.springshop.support;

import io.testlanes.examples.springshop.ShopApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * Web tests: the shop on a random port, called over HTTP; {@link ShopTest} says where its services
 * are.
 */
@SpringBootTest(
    classes = ShopApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class WebShopTest extends ShopTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired private Environment environment;

  protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  protected HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(
        "http://localhost:" + environment.getRequiredProperty("local.server.port") + path);
  }
}
