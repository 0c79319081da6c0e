package dev.healthstreams.config;

import java.util.function.Function;

/**
 * Converts a scalar's text (after {@code ${ENV}} substitution) to a typed value. A bad text throws
 * {@link InvalidValue} with the message the user reads after the key's path and line.
 *
 * <p>The placeholder is what {@link ConfigValue#required()} returns after reporting a missing or
 * bad value: a harmless stand-in a reader may put into a settings record, which is thrown away
 * because the load fails. {@link Parsers#kebabEnum} uses null, so that a reader can leave out an
 * entry instead of reading it as a real constant.
 */
public final class Parser<T> {
  private final Function<String, T> convert;
  private final T placeholder;

  private Parser(Function<String, T> convert, T placeholder) {
    this.convert = convert;
    this.placeholder = placeholder;
  }

  public static <T> Parser<T> of(Function<String, T> convert, T placeholder) {
    return new Parser<>(convert, placeholder);
  }

  /** This parser's value passed on to {@code next}, which may reject it or convert it. */
  public <R> Parser<R> then(Function<T, R> next, R placeholder) {
    return new Parser<>(convert.andThen(next), placeholder);
  }

  T parse(String text) {
    return convert.apply(text);
  }

  T placeholder() {
    return placeholder;
  }
}
