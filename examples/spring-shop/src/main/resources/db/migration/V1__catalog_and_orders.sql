CREATE TABLE currencies (
  code     varchar(3) PRIMARY KEY,
  symbol   text NOT NULL,
  decimals int  NOT NULL
);
CREATE TABLE products (
  sku         text PRIMARY KEY,
  name        text NOT NULL,
  price_cents bigint NOT NULL CHECK (price_cents >= 0),
  currency    varchar(3) NOT NULL,
  stock       int NOT NULL CHECK (stock >= 0)
);
CREATE TABLE orders (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer    text NOT NULL,
  status      text NOT NULL,
  total_cents bigint NOT NULL
);
CREATE TABLE order_lines (
  order_id bigint NOT NULL REFERENCES orders (id),
  sku      text NOT NULL REFERENCES products (sku),
  quantity int NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, sku)
);
