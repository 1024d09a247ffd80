using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Security;

/// <summary>Each line of the audit log keeps the address the request came from, which only admins see. On both databases.</summary>
public abstract class AuditAddressTests(SoudanApp app)
{
    [Fact]
    public async Task Each_line_keeps_the_address_it_came_from_and_only_admins_read_it()
    {
        const string Office = "2001:db8::5a1";
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var counselor = app.CreatePageClient(address: Office);
        await counselor.SignInAsync(credentials);
        var id = await app.OpenCaseAsync(counselor);
        await counselor.GetPageAsync($"/staff/cases/{id}");
        using var admin = await app.SignInAsync(StaffRoles.Admin);

        var lines = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.ActorId == credentials.Id).Select(e => new { e.Action, e.Address }).ToListAsync());
        var auditPage = PageClient.MainText(await admin.GetPageAsync("/staff/audit"));
        var refused = await counselor.GetAsync("/staff/audit");

        Assert.Contains(new { Action = AuditActions.SignedIn, Address = (string?)Office }, lines);
        Assert.Contains(new { Action = AuditActions.CaseViewed, Address = (string?)Office }, lines);
        Assert.All(lines, line => Assert.Equal(Office, line.Address));
        Assert.Contains(Office, auditPage, StringComparison.Ordinal);
        Assert.Contains("access-denied", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_real_server_the_line_keeps_the_connections_address()
    {
        await using var server = await SoudanApp.StartAsync(app.Database, kestrel: true);
        var credentials = await server.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var counselor = server.CreatePageClient();
        await counselor.SignInAsync(credentials);

        var address = await server.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.ActorId == credentials.Id && e.Action == AuditActions.SignedIn).Select(e => e.Address).SingleAsync());

        Assert.Equal("127.0.0.1", address);
    }
}

[Collection(OnSqlite.Name)]
public sealed class AuditAddressTestsOnSqlite(SqliteAppFixture fixture) : AuditAddressTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class AuditAddressTestsOnPostgres(PostgresAppFixture fixture) : AuditAddressTests(fixture.App);
