package io.testlanes.examples.springshop.support;

import io.testlanes.examples.springshop.ShopApplication;
import io.testlanes.junit.TestLanes;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The base class of the shop's tests, the way Spring projects write one: one
 * {@code @SpringBootTest} configuration for all subclasses, so Spring caches their context. With
 * {@code @TestLanes} each class's context talks to the class's lane.
 */
@SpringBootTest(classes = ShopApplication.class)
@TestLanes
public abstract class ShopTest extends ShopFixtures {}
