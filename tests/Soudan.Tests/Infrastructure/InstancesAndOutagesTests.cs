using System.Net;
using Npgsql;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Infrastructure;

/// <summary>Production runs several instances on one PostgreSQL database, which may go away.</summary>
public sealed class InstancesAndOutagesTests
{
    [Fact]
    public async Task Two_instances_on_one_database_accept_each_others_sign_in()
    {
        await using var first = await SoudanApp.StartAsync(TestDatabase.Postgres);
        await using var second = first.StartSecondInstance();
        using var browser = await first.SignInAsync(StaffRoles.Counselor);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff");
        request.Headers.Add("Cookie", browser.CookieHeader("/staff"));
        using var client = second.CreateClient();

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_its_database_the_app_says_not_ready_and_pages_say_try_again_shortly()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Postgres);
        using var browser = await app.SignInAsync(StaffRoles.Counselor);
        using var anonymous = app.CreateClient();

        await using (var connection = new NpgsqlConnection(SoudanApp.PostgresServer))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE {app.PostgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        var ready = await anonymous.GetAsync("/readyz");
        var health = await anonymous.GetAsync("/healthz");
        var home = await anonymous.GetAsync("/ja/");
        var staff = await browser.GetAsync("/staff/account");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, home.StatusCode);
        Assert.Equal("ja", (await PageClient.ParseAsync(home)).DocumentElement.GetAttribute("lang"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, staff.StatusCode);
        Assert.Contains("Please try again shortly.", await staff.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
