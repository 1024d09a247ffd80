using Microsoft.Extensions.Configuration;
using Npgsql;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Tests.Data;

public sealed class DatabaseSettingsTests
{
    private static DatabaseSettings Postgres(string connectionString) => DatabaseSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "postgres",
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build(),
        new SoudanPaths("/nowhere"));

    [Fact]
    public void PostgreSQL_prepares_the_statements_a_page_repeats_unless_the_operator_says_otherwise()
    {
        var chosen = new NpgsqlConnectionStringBuilder(Postgres("Host=db;Database=soudan;Username=soudan").ConnectionString);
        Assert.Equal(64, chosen.MaxAutoPrepare);
        Assert.Equal("db", chosen.Host);

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(Postgres("Host=db;Max Auto Prepare=0").ConnectionString).MaxAutoPrepare);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(Postgres("Host=db;maxautoprepare=5").ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public void A_connection_string_PostgreSQL_cannot_read_stops_the_start_with_the_setting_named()
    {
        var refused = Assert.Throws<StartupException>(() => Postgres("Host=db;Nonsense Key=1"));
        Assert.Contains("ConnectionStrings__Soudan", refused.Message, StringComparison.Ordinal);
    }
}
