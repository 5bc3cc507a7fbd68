package io.testlanes.internal.lane;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Splits a SQL or CQL script into statements at the semicolons that end them, and remembers the
 * line where each statement starts, so that an error can name the line of the script.
 *
 * <p>Semicolons inside comments ({@code --}, {@code /* *}{@code /}, CQL {@code //}), string
 * literals ({@code '...'}, Postgres {@code E'...'}), quoted identifiers, dollar quotes (Postgres
 * {@code $tag$...$tag$}, CQL {@code $$...$$}), Postgres {@code BEGIN ATOMIC ... END} function
 * bodies and CQL {@code BEGIN BATCH ... APPLY BATCH} do not end a statement.
 */
final class ScriptSplitter {

  enum Dialect {
    SQL,
    CQL
  }

  /**
   * One statement of a script.
   *
   * @param text the statement without its ending semicolon, starting at its first significant
   *     character (leading comments and blanks dropped)
   * @param offset index of the statement's first character in the script
   * @param line 1-based line of that character
   */
  record Statement(String text, int offset, int line) {}

  /**
   * One token of a statement, for the few rewrites testlanes makes (keyspace names in CQL, the
   * database name of {@code ALTER DATABASE} in SQL).
   *
   * @param kind what it is
   * @param text the token as written (a quoted name with its quotes)
   * @param offset index of its first character in the statement
   */
  record Token(Kind kind, String text, int offset) {
    enum Kind {
      /** A keyword or an unquoted name. */
      WORD,
      /** A name in double quotes. */
      QUOTED_NAME,
      /** A string, number or other constant. */
      LITERAL,
      /** Any other character: {@code . ; ( < ,} and so on. */
      SYMBOL
    }

    /** Index just after the token. */
    int end() {
      return offset + text.length();
    }

    boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
    }

    /** Whether this is the keyword {@code word} (any case). */
    boolean is(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /**
     * The name as the database stores it: an unquoted name in lower case, a quoted one as written
     * between its quotes.
     */
    String name() {
      return kind == Kind.QUOTED_NAME
          ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
          : text.toLowerCase(Locale.ROOT);
    }
  }

  private final String s;
  private final Dialect dialect;
  private final int[] lineStarts;

  private ScriptSplitter(String script, Dialect dialect) {
    this.s = script;
    this.dialect = dialect;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < script.length(); i++) {
      if (script.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  static List<Statement> split(String script, Dialect dialect) {
    return new ScriptSplitter(script, dialect).statements();
  }

  /** The tokens of one statement, comments left out. */
  static List<Token> tokens(String statement, Dialect dialect) {
    return new ScriptSplitter(statement, dialect).tokens();
  }

  /** 1-based line of character {@code offset} of {@code script}. */
  static int lineOf(String script, int offset) {
    return new ScriptSplitter(script, Dialect.SQL).line(offset);
  }

  int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  private List<Statement> statements() {
    List<Statement> out = new ArrayList<>();
    int start = -1; // first significant character of the current statement
    List<String> words = new ArrayList<>(); // the statement's first words, upper case
    String previousWord = "";
    int atomicDepth = 0; // Postgres BEGIN ATOMIC ... END nesting
    boolean batch = false; // CQL BEGIN BATCH, until APPLY BATCH
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (startsComment(i)) {
        i = skipComment(i);
        continue;
      }
      if (start < 0) {
        start = i;
      }
      if (c == ';') {
        if (atomicDepth == 0 && !batch) {
          add(out, start, i);
          start = -1;
          words.clear();
          previousWord = "";
        }
        i++;
      } else if (c == '\'') {
        i = skipQuoted(i, '\'', backslashEscapes(i));
      } else if (c == '"') {
        i = skipQuoted(i, '"', false);
      } else if (c == '$' && dollarTag(i) != null) {
        String tag = Objects.requireNonNull(dollarTag(i));
        int end = s.indexOf(tag, i + tag.length());
        i = end < 0 ? n : end + tag.length();
      } else if (isWordStart(c)) {
        int end = i + 1;
        while (end < n && isWordPart(s.charAt(end))) {
          end++;
        }
        String word = s.substring(i, end).toUpperCase(Locale.ROOT);
        if (words.size() < 4) {
          words.add(word);
        }
        if (dialect == Dialect.SQL) {
          if (word.equals("BEGIN") && createsRoutine(words)) {
            atomicDepth++;
          } else if (word.equals("CASE") && atomicDepth > 0) {
            atomicDepth++;
          } else if (word.equals("END") && atomicDepth > 0) {
            atomicDepth--;
          }
        } else {
          if (words.size() == 1 && word.equals("BEGIN")) {
            batch = true;
          } else if (batch && word.equals("BATCH") && previousWord.equals("APPLY")) {
            batch = false;
          }
        }
        previousWord = word;
        i = end;
      } else {
        i++;
      }
    }
    if (start >= 0) {
      add(out, start, n);
    }
    return out;
  }

  private List<Token> tokens() {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      int end;
      Token.Kind kind;
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      } else if (startsComment(i)) {
        i = skipComment(i);
        continue;
      } else if (c == '\'') {
        end = skipQuoted(i, '\'', backslashEscapes(i));
        kind = Token.Kind.LITERAL;
      } else if (c == '"') {
        end = skipQuoted(i, '"', false);
        kind = Token.Kind.QUOTED_NAME;
      } else if (c == '$' && dollarTag(i) != null) {
        String tag = Objects.requireNonNull(dollarTag(i));
        int close = s.indexOf(tag, i + tag.length());
        end = close < 0 ? n : close + tag.length();
        kind = Token.Kind.LITERAL;
      } else if (isWordStart(c)) {
        end = i + 1;
        while (end < n && isWordPart(s.charAt(end))) {
          end++;
        }
        kind = Token.Kind.WORD;
      } else if (Character.isDigit(c)) {
        end = i + 1;
        while (end < n && isWordPart(s.charAt(end))) {
          end++;
        }
        kind = Token.Kind.LITERAL;
      } else {
        end = i + 1;
        kind = Token.Kind.SYMBOL;
      }
      out.add(new Token(kind, s.substring(i, end), i));
      i = end;
    }
    return out;
  }

  private void add(List<Statement> out, int start, int end) {
    String text = s.substring(start, end).stripTrailing();
    if (!text.isEmpty()) {
      out.add(new Statement(text, start, line(start)));
    }
  }

  /** CREATE [OR REPLACE] FUNCTION|PROCEDURE: where a BEGIN opens a BEGIN ATOMIC body. */
  private static boolean createsRoutine(List<String> words) {
    if (words.isEmpty() || !words.get(0).equals("CREATE")) {
      return false;
    }
    int k = words.size() > 2 && words.get(1).equals("OR") ? 3 : 1;
    return k < words.size()
        && (words.get(k).equals("FUNCTION") || words.get(k).equals("PROCEDURE"));
  }

  private boolean startsComment(int i) {
    char c = s.charAt(i);
    char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
    return (c == '-' && next == '-')
        || (c == '/' && next == '*')
        || (dialect == Dialect.CQL && c == '/' && next == '/');
  }

  private int skipComment(int i) {
    if (s.charAt(i + 1) != '*') {
      int eol = s.indexOf('\n', i);
      return eol < 0 ? s.length() : eol + 1;
    }
    int depth = 0;
    int j = i;
    while (j < s.length()) {
      if (s.startsWith("/*", j)) {
        depth = dialect == Dialect.SQL ? depth + 1 : 1; // Postgres nests block comments
        j += 2;
      } else if (s.startsWith("*/", j)) {
        depth--;
        j += 2;
        if (depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return s.length();
  }

  /** Postgres E'...' strings treat a backslash as an escape. */
  private boolean backslashEscapes(int quote) {
    if (dialect != Dialect.SQL || quote == 0) {
      return false;
    }
    char p = s.charAt(quote - 1);
    return (p == 'E' || p == 'e') && (quote < 2 || !isWordPart(s.charAt(quote - 2)));
  }

  private int skipQuoted(int i, char quote, boolean backslash) {
    int j = i + 1;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (backslash && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
          j += 2; // doubled quote
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return s.length();
  }

  /** The dollar-quote tag that starts at {@code i} ({@code $$} or {@code $name$}), or null. */
  private @Nullable String dollarTag(int i) {
    if (i > 0 && isWordPart(s.charAt(i - 1))) {
      return null; // part of an identifier such as a$b
    }
    if (dialect == Dialect.CQL) {
      return s.startsWith("$$", i) ? "$$" : null;
    }
    int j = i + 1;
    if (j < s.length() && isWordStart(s.charAt(j))) {
      j++;
      while (j < s.length() && isWordPart(s.charAt(j))) {
        j++;
      }
    }
    return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
