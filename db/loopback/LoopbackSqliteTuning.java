import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.almworks.sqlite4java.SQLiteStatement;

/**
 * Runs PRAGMA statements on the SQLite connection of a disk-backed DynamoDB
 * Local, for LoopbackDynamoDbLocal. DynamoDB Local keeps SQLite's defaults: a
 * rollback journal and synchronous=FULL, so every write transaction creates,
 * syncs and deletes a journal file (several fsyncs per item), which makes a
 * bulk load on disk several times slower than in memory.
 *
 * sqlite4java confines a connection to the thread of its SQLiteQueue, so the
 * statements run as a job on that queue. This file is compiled against
 * DynamoDB Local's sqlite4java (unlike the launcher, which reaches everything by
 * reflection); when it does not compile, the launcher runs without it.
 */
public final class LoopbackSqliteTuning {
  private LoopbackSqliteTuning() {}

  /** Runs each statement on the queue's connection; returns "journal_mode=..., synchronous=..." as they then are. */
  public static String tune(Object queue, String[] statements) throws Throwable {
    SQLiteJob<String> job =
        new SQLiteJob<String>() {
          @Override
          protected String job(SQLiteConnection connection) throws SQLiteException {
            for (String statement : statements) {
              if (!statement.isBlank()) run(connection, statement);
            }
            return "journal_mode=" + run(connection, "PRAGMA journal_mode") + ", synchronous=" + run(connection, "PRAGMA synchronous");
          }
        };
    ((SQLiteQueue) queue).execute(job);
    String result = job.complete();
    Throwable error = job.getError();
    if (error != null) throw error;
    return result;
  }

  /** Runs one statement; its first column of its first row, if it returns one. */
  static String run(SQLiteConnection connection, String sql) throws SQLiteException {
    SQLiteStatement statement = connection.prepare(sql);
    try {
      return statement.step() ? statement.columnString(0) : "";
    } finally {
      statement.dispose();
    }
  }
}
