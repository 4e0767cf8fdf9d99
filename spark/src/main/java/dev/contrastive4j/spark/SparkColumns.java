package dev.contrastive4j.spark;

import dev.contrastive4j.spi.ContrastiveException;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** Checks of a data set's columns before a job starts, with messages that name the column and what is there. */
final class SparkColumns {

    private SparkColumns() {
    }

    /**
     * The position of a string column.
     *
     * @param role what the column is for, for the message (e.g. "input column")
     * @throws ContrastiveException if it is missing or holds something other than strings
     */
    static int requireString(Dataset<Row> data, String column, String role) {
        String[] columns = data.columns();
        int index = Arrays.asList(columns).indexOf(column);
        if (index < 0) {
            throw new ContrastiveException(role + " '" + column + "' not found: the data set has the columns "
                    + Arrays.toString(columns));
        }
        StructField field = data.schema().fields()[index];
        if (!field.dataType().equals(DataTypes.StringType)) {
            throw new ContrastiveException(role + " '" + column + "': expected strings, found "
                    + field.dataType().simpleString());
        }
        return index;
    }
}
