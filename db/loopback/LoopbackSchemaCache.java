import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.dynamodb.services.local.shared.mapper.DynamoDbObjectMapper;

/**
 * Caches DynamoDB Local's parsed table schemas, for LoopbackDynamoDbLocal.
 *
 * DynamoDB Local keeps each table's schema (key schema, attribute definitions,
 * every GSI's description and its SQLite column mappings) as a JSON blob in its
 * metadata table, and parses that blob again for every item it reads or writes:
 * a PutItem parses it twice. A profile of a bulk load into a table with six
 * GSIs put about 80% of DynamoDB Local's single SQLite thread in that parse,
 * and its cost grows with the number of indexes, so that such a table loaded
 * at well under half the rate of a table without indexes.
 *
 * The cache keeps one parsed schema per distinct blob, keyed by the blob's
 * bytes: the blob is still read from SQLite on every call, so a schema changed
 * by UpdateTable (or a table dropped and created again) is a different key and
 * is parsed afresh. DynamoDB Local changes the schema object it is given while
 * it updates a table, so a cached schema is never handed out itself: every call
 * gets a copy of the mutable part (DynamoDB Local's own objects and the
 * collections), sharing only Strings, enums, boxed values and the AWS SDK v2
 * model objects, which are immutable. A schema that holds anything else is not
 * cached at all: it is returned as parsed, as without this class.
 *
 * Installed by replacing the mapper that SQLiteDBAccessJob and SQLiteDBAccess
 * parse schemas with (their private static final MAPPER, a plain
 * DynamoDbObjectMapper) before the server serves anything, with a subclass
 * that behaves the same for everything else. This file is compiled
 * against DynamoDB Local's jar; when it does not compile or install, the
 * launcher says why and runs DynamoDB Local unchanged.
 */
public final class LoopbackSchemaCache extends DynamoDbObjectMapper {
  /** The classes whose private static final MAPPER parses schemas (both are a plain `new DynamoDbObjectMapper()`). */
  static final String[] MAPPER_HOLDERS = {
    "software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteDBAccessJob",
    "software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteDBAccess",
  };
  static final String SCHEMA_CLASS = "software.amazon.dynamodb.services.local.shared.access.sqlite.TableSchemaInfo";
  /** Our own classes, copied field by field (the schema and its SQLite index elements). */
  static final String OWN_PACKAGE = "software.amazon.dynamodb.services.local.";
  /** AWS SDK v2 model objects are immutable: shared, not copied. */
  static final String IMMUTABLE_PACKAGE = "software.amazon.awssdk.";
  /** Distinct schemas kept; past it the cache starts again (tests create many tables). */
  static final int MAX_ENTRIES = 256;

  private final Class<?> schemaClass;
  /** Parsed schemas by blob length, then compared byte for byte (Arrays.equals is a vectorised intrinsic; hashing is not). */
  private final Map<Integer, List<Entry>> parsed = new ConcurrentHashMap<>();
  private final Map<Class<?>, Copier> copiers = new ConcurrentHashMap<>();
  private int entries;

  private LoopbackSchemaCache(Class<?> schemaClass) {
    this.schemaClass = schemaClass;
  }

  /**
   * Installs one cache as the schema mapper of both classes that parse schemas
   * (SQLiteDBAccessJob for every item, SQLiteDBAccess for every request's table
   * description); returns "on", or throws saying why it cannot be.
   */
  public static String install() throws ReflectiveOperationException {
    ClassLoader loader = LoopbackSchemaCache.class.getClassLoader();
    Class<?> schema = Class.forName(SCHEMA_CLASS, true, loader);
    List<Field> mappers = new ArrayList<>();
    // All are checked before any is replaced: either every one is cached, or none.
    for (String holder : MAPPER_HOLDERS) {
      Field mapper = Class.forName(holder, true, loader).getDeclaredField("MAPPER");
      if (!Modifier.isStatic(mapper.getModifiers()) || mapper.getType() != DynamoDbObjectMapper.class)
        throw new NoSuchFieldException(holder + ".MAPPER is not a static DynamoDbObjectMapper");
      mapper.setAccessible(true);
      if (mapper.get(null).getClass() != DynamoDbObjectMapper.class)
        throw new IllegalStateException(holder + ".MAPPER is a " + mapper.get(null).getClass().getName() + ", not DynamoDB Local's plain mapper");
      mappers.add(mapper);
    }
    LoopbackSchemaCache cache = new LoopbackSchemaCache(schema);
    for (Field mapper : mappers) UNSAFE.putObjectVolatile(UNSAFE.staticFieldBase(mapper), UNSAFE.staticFieldOffset(mapper), cache);
    return "on";
  }

  @Override
  public <T> T readValue(byte[] src, Class<T> valueType) throws IOException {
    if (valueType != schemaClass) return super.readValue(src, valueType);
    List<Entry> sameLength = parsed.get(src.length);
    if (sameLength != null) {
      for (Entry entry : sameLength) if (Arrays.equals(entry.blob, src)) return valueType.cast(copy(entry.schema));
    }
    T fresh = super.readValue(src, valueType);
    Object kept;
    try {
      // The one kept is a copy as well: the object returned is the caller's to change.
      kept = copy(fresh);
    } catch (UncopyableException e) {
      return fresh;
    }
    synchronized (this) {
      if (++entries > MAX_ENTRIES) {
        parsed.clear();
        entries = 1;
      }
      parsed.compute(src.length, (length, list) -> {
        List<Entry> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
        next.add(new Entry(src.clone(), kept));
        return next;
      });
    }
    return fresh;
  }

  /** How a class's values are copied, decided once per class. */
  private enum Kind {
    SHARED,
    LIST,
    SET,
    MAP,
    OWN,
    UNCOPYABLE
  }

  private static final ClassValue<Kind> KINDS =
      new ClassValue<Kind>() {
        @Override
        protected Kind computeValue(Class<?> type) {
          if (type == String.class || type.isEnum() || Number.class.isAssignableFrom(type) || type == Boolean.class || type == Character.class)
            return Kind.SHARED;
          if (type.getName().startsWith(IMMUTABLE_PACKAGE)) return Kind.SHARED;
          if (List.class.isAssignableFrom(type)) return Kind.LIST;
          if (Set.class.isAssignableFrom(type)) return Kind.SET;
          if (Map.class.isAssignableFrom(type)) return Kind.MAP;
          if (type.getName().startsWith(OWN_PACKAGE)) return Kind.OWN;
          // An enum constant with a body is a subclass of its enum.
          if (type.getSuperclass() != null && type.getSuperclass().isEnum()) return Kind.SHARED;
          return Kind.UNCOPYABLE;
        }
      };

  /**
   * A copy of everything mutable in a parsed schema; immutable values are shared.
   * A schema parsed by Jackson is a tree (no object appears twice), and so is its copy.
   */
  private Object copy(Object value) {
    if (value == null) return null;
    switch (KINDS.get(value.getClass())) {
      case SHARED:
        return value;
      case LIST:
        {
          List<?> source = (List<?>) value;
          List<Object> list = new ArrayList<>(source.size());
          for (Object element : source) list.add(copy(element));
          return list;
        }
      case SET:
        {
          Set<Object> set = new LinkedHashSet<>();
          for (Object element : (Collection<?>) value) set.add(copy(element));
          return set;
        }
      case MAP:
        {
          Map<Object, Object> map = new LinkedHashMap<>();
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) map.put(copy(entry.getKey()), copy(entry.getValue()));
          return map;
        }
      case OWN:
        return copiers.computeIfAbsent(value.getClass(), Copier::new).copy(value);
      default:
        throw new UncopyableException();
    }
  }

  /**
   * Copies one of DynamoDB Local's own classes field by field (reference fields
   * only, read and written at their offsets), through its no-argument constructor.
   */
  private final class Copier {
    private final Constructor<?> constructor;
    private final long[] offsets;

    Copier(Class<?> type) {
      try {
        constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new UncopyableException();
      }
      List<Long> all = new ArrayList<>();
      for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field field : k.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers())) continue;
          if (Modifier.isFinal(field.getModifiers()) || field.getType().isPrimitive()) throw new UncopyableException();
          all.add(UNSAFE.objectFieldOffset(field));
        }
      }
      offsets = all.stream().mapToLong(Long::longValue).toArray();
    }

    Object copy(Object value) {
      Object copy;
      try {
        copy = constructor.newInstance();
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw new UncopyableException();
      }
      for (long offset : offsets) UNSAFE.putObject(copy, offset, LoopbackSchemaCache.this.copy(UNSAFE.getObject(value, offset)));
      return copy;
    }
  }

  private static final class Entry {
    final byte[] blob;
    final Object schema;

    Entry(byte[] blob, Object schema) {
      this.blob = blob;
      this.schema = schema;
    }
  }

  private static final sun.misc.Unsafe UNSAFE = unsafe();

  private static sun.misc.Unsafe unsafe() {
    try {
      Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return (sun.misc.Unsafe) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A schema holding something this class does not know to be safe to copy or share. */
  static final class UncopyableException extends RuntimeException {
    UncopyableException() {
      super(null, null, false, false);
    }
  }
}
