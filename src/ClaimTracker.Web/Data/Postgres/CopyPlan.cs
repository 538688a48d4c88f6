using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace ClaimTracker.Web.Data.Postgres;

/// <summary>
/// What <see cref="PostgresCopy"/> copies, read off the EF Core models of both contexts rather than written out by hand:
/// every table of the model (the record, the accounts, the data-protection keys, the join table of claims and their
/// subjects, the owned columns of anchors), in foreign-key order, each column with how its value is read on SQLite and
/// written on PostgreSQL. A column is read as SQLite stores it, turned into the model's value by the SQLite mapping's
/// converter and into PostgreSQL's by the PostgreSQL mapping's: enums stay names, a list of topics goes from a JSON text
/// to a <c>text[]</c>, a <c>DateTimeOffset</c> from text with an offset to a <c>timestamptz</c> in UTC, a Guid from
/// upper-case text to a <c>uuid</c>, a date from text to a <c>date</c>. A table or column added to the model is copied
/// without a change here; one that the two models map differently stops the copy before anything is written.
/// </summary>
internal sealed partial class CopyPlan
{
    private CopyPlan(IReadOnlyList<TablePlan> tables) => Tables = tables;

    /// <summary>Principal tables before the tables that point at them.</summary>
    public IReadOnlyList<TablePlan> Tables { get; }

    public static CopyPlan For(ClaimTrackerDbContext source, PostgresClaimTrackerDbContext target)
    {
        var sourceTables = source.Model.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        // Seed data (HasData) is design-time metadata: the runtime model does not carry it.
        var seeded = target.GetService<IDesignTimeModel>().Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && e.GetSeedData().Any())
            .ToDictionary(e => e.GetTableName()!, e => e);

        var plans = new Dictionary<string, TablePlan>(StringComparer.Ordinal);
        // A keyless entity type (the search's result shape) maps to no table of data.
        foreach (var table in target.Model.GetRelationalModel().Tables.Where(t => t.PrimaryKey is not null))
        {
            if (!sourceTables.TryGetValue(table.Name, out var sourceTable))
            {
                throw new InvalidOperationException($"The PostgreSQL model has a table {table.Name} that the SQLite model lacks.");
            }
            var columns = table.Columns.Select(c => ColumnPlan.For(sourceTable, c)).ToList();
            var extra = sourceTable.Columns.Select(c => c.Name).Except(columns.Select(c => c.Name), StringComparer.Ordinal).ToList();
            if (extra.Count > 0)
            {
                throw new InvalidOperationException($"The SQLite model's table {table.Name} has columns the PostgreSQL model lacks: {string.Join(", ", extra)}.");
            }
            var key = table.PrimaryKey!.Columns.Select(k => columns.FindIndex(c => c.Name == k.Name)).ToArray();
            var principals = table.ForeignKeyConstraints.Select(f => f.PrincipalTable.Name).Where(n => n != table.Name).ToHashSet(StringComparer.Ordinal);
            var seedRows = seeded.TryGetValue(table.Name, out var seededType) ? SeedRows(seededType, table) : [];
            plans[table.Name] = new TablePlan(table.Name, columns, key, principals,
                seedRows.Select(r => KeyText(key.Select(k => r[k]))).ToHashSet(StringComparer.Ordinal),
                seedRows.Select(KeyText).ToHashSet(StringComparer.Ordinal));
        }
        var missing = sourceTables.Values.Where(t => t.PrimaryKey is not null).Select(t => t.Name).Except(plans.Keys, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The SQLite model has tables the PostgreSQL model lacks: {string.Join(", ", missing)}.");
        }
        return new CopyPlan(InForeignKeyOrder(plans));
    }

    /// <summary>The rows the migrations insert into <paramref name="table"/>, column by column as PostgreSQL stores them.</summary>
    private static List<object?[]> SeedRows(IEntityType entityType, ITable table) =>
        entityType.GetSeedData().Select(row => table.Columns.Select(column =>
        {
            var mapping = column.PropertyMappings.First(m => m.Property.DeclaringType.Name == entityType.Name);
            var value = row.TryGetValue(mapping.Property.Name, out var v) ? v : null;
            return value is null || mapping.TypeMapping.Converter is not { } converter ? value : converter.ConvertToProvider(value);
        }).ToArray()).ToList();

    /// <summary>Each table after the tables it points at (a table may point at itself: a note's reply), ties by name.</summary>
    private static List<TablePlan> InForeignKeyOrder(Dictionary<string, TablePlan> plans)
    {
        var ordered = new List<TablePlan>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < plans.Count)
        {
            var ready = plans.Values.Where(p => !placed.Contains(p.Name) && p.Principals.All(placed.Contains)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The model's foreign keys form a cycle: "
                    + string.Join(", ", plans.Keys.Where(n => !placed.Contains(n))) + ".");
            }
            ordered.AddRange(ready);
            placed.UnionWith(ready.Select(p => p.Name));
        }
        return ordered;
    }

    /// <summary>A row's key (or whole row) as one string, for telling the migration's own rows (HasData) from the newsroom's.</summary>
    public static string KeyText(IEnumerable<object?> values) =>
        string.Join("\u001f", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <param name="Key">The positions in <see cref="Columns"/> of the primary key's columns.</param>
    /// <param name="Principals">The tables this one's foreign keys point at.</param>
    /// <param name="SeedKeys">The keys of the rows the migrations insert (the default rating scale), as <see cref="KeyText"/>.</param>
    /// <param name="SeedRows">The same rows whole, every column as PostgreSQL stores it, as <see cref="KeyText"/>.</param>
    internal sealed record TablePlan(string Name, IReadOnlyList<ColumnPlan> Columns, int[] Key, IReadOnlySet<string> Principals,
        IReadOnlySet<string> SeedKeys, IReadOnlySet<string> SeedRows)
    {
        public string QuotedName => Quote(Name);

        public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

        /// <summary>The rows in key order: the target's indexes then grow at their ends, and a reply comes after its note.</summary>
        public string SelectSql => $"SELECT {ColumnList} FROM {QuotedName} ORDER BY {string.Join(", ", Key.Select(i => Quote(Columns[i].Name)))}";
    }

    /// <summary>One column: how to read it from SQLite, convert it, and write it to PostgreSQL's binary COPY.</summary>
    internal sealed partial class ColumnPlan
    {
        private readonly Func<SqliteDataReader, int, object> read;
        private readonly Func<object, object>? convert;
        private readonly Action<NpgsqlBinaryImporter, object> write;

        private ColumnPlan(string name, Func<SqliteDataReader, int, object> read, Func<object, object>? convert, Action<NpgsqlBinaryImporter, object> write)
        {
            Name = name;
            this.read = read;
            this.convert = convert;
            this.write = write;
        }

        public string Name { get; }

        public static ColumnPlan For(ITable sourceTable, IColumn target)
        {
            var source = sourceTable.FindColumn(target.Name)
                ?? throw new InvalidOperationException($"The SQLite model's table {sourceTable.Name} lacks the column {target.Name}.");
            var sourceMapping = source.PropertyMappings[0].TypeMapping;
            var targetMapping = target.PropertyMappings[0].TypeMapping;
            var sourceConverter = sourceMapping.Converter;
            var targetConverter = targetMapping.Converter;
            var sourceType = Unwrap(sourceConverter?.ProviderClrType ?? sourceMapping.ClrType);
            var targetType = Unwrap(targetConverter?.ProviderClrType ?? targetMapping.ClrType);

            Func<object, object>? convert;
            if (SameConversion(sourceConverter, targetConverter) && sourceType == targetType)
            {
                // The same converter on both engines (an enum's name, a JSON column): the stored value is already what
                // PostgreSQL stores, and passing it through keeps it byte for byte.
                convert = null;
            }
            else
            {
                var toModel = sourceConverter?.ConvertFromProvider;
                var toTarget = targetConverter?.ConvertToProvider;
                convert = (toModel, toTarget) switch
                {
                    (null, null) => null,
                    (null, not null) => v => toTarget(v)!,
                    (not null, null) => v => toModel(v)!,
                    _ => v => toTarget!(toModel!(v))!,
                };
            }
            return new ColumnPlan(target.Name, Reader(sourceType), convert, Writer(targetType, DataTypeName(target.StoreType)));
        }

        /// <summary>Reads the column at <paramref name="ordinal"/> of the current SQLite row as PostgreSQL's value; null for NULL.</summary>
        public object? Read(SqliteDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                return null;
            }
            var value = read(reader, ordinal);
            return convert is null ? value : convert(value);
        }

        public void Write(NpgsqlBinaryImporter importer, object? value)
        {
            if (value is null)
            {
                importer.WriteNull();
            }
            else
            {
                write(importer, value);
            }
        }

        private static bool SameConversion(ValueConverter? a, ValueConverter? b) =>
            a is null ? b is null : b is not null && a.GetType() == b.GetType() && a.ModelClrType == b.ModelClrType && a.ProviderClrType == b.ProviderClrType;

        private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

        /// <summary>The store type without its length or precision (<c>character varying(100)</c> is a <c>character varying</c>).</summary>
        private static string DataTypeName(string storeType) => Facets().Replace(storeType, "");

        [GeneratedRegex(@"\(\s*\d+(\s*,\s*\d+)?\s*\)")]
        private static partial Regex Facets();

        // Typed, so that neither reader nor writer looks a type up per value.
        private static Func<SqliteDataReader, int, object> Reader(Type type) =>
            (Func<SqliteDataReader, int, object>)typeof(ColumnPlan).GetMethod(nameof(ReadAs), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).CreateDelegate(typeof(Func<SqliteDataReader, int, object>));

        private static Action<NpgsqlBinaryImporter, object> Writer(Type type, string dataTypeName) =>
            (Action<NpgsqlBinaryImporter, object>)typeof(ColumnPlan).GetMethod(nameof(WriterFor), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [dataTypeName])!;

        private static object ReadAs<T>(SqliteDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;

        private static Action<NpgsqlBinaryImporter, object> WriterFor<T>(string dataTypeName) =>
            (importer, value) => importer.Write((T)value, dataTypeName);
    }
}
