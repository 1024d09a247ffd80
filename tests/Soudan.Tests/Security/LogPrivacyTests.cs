using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Security;

/// <summary>
/// Logs never hold personal data, at any level: the app's logs are captured at Trace while a
/// person signs in, fails to, is created by an admin and uses a one-time link.
/// </summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task No_log_line_holds_an_address_a_name_a_password_or_a_one_time_link()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite);
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        const string Email = "naomi.private+logs@example.org";
        const string Name = "Naomi Privatename";
        var created = await admin.SubmitAsync("/staff/users", new Dictionary<string, string>
        {
            ["Input.Email"] = Email,
            ["Input.DisplayName"] = Name,
            ["Input.Roles"] = StaffRoles.Counselor,
        });
        var link = (await PageClient.ParseAsync(created)).QuerySelector(".copy-field")!.GetAttribute("value")!;
        var path = new Uri(link).AbsolutePath;
        using var person = app.CreatePageClient();
        const string Password = "my secret sentence for logs";
        await person.SubmitAsync(path, new Dictionary<string, string> { ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password });
        await person.SignInAsync(new StaffCredentials(Guid.Empty, Email, "a wrong password here", null));
        await person.SignInAsync(new StaffCredentials(Guid.Empty, Email, Password, null));
        await person.GetAsync("/staff/account/two-factor");

        var logs = string.Join("\n", app.Logs.Lines);

        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(Email, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Privatename", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Password, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(path.Split('/').Last(), logs, StringComparison.Ordinal);
    }
}
