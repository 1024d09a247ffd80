using System.Net;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Features.Accounts;

/// <summary>
/// A password that is common or leaked (whatever its case), or made of the person's address, name
/// or the site's name, is refused wherever one is chosen. The first admin's page and the command
/// line have theirs in FirstAdminTests and CommandLineTests.
/// </summary>
public abstract class PasswordRulesTests(SoudanApp app)
{
    private const string Common = "list of common or leaked passwords";
    private const string Context = "must not be made of your e-mail address, your name or the name of this site";

    [Fact]
    public async Task A_set_password_link_refuses_a_common_password_whatever_its_case_and_takes_a_sentence()
    {
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var email = $"hana+{Guid.NewGuid():N}@example.org";
        var created = await admin.SubmitAsync("/staff/users", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Hana Sato",
            ["Input.Roles"] = StaffRoles.Counselor,
        });
        var link = new Uri((await PageClient.ParseAsync(created)).QuerySelector(".copy-field")!.GetAttribute("value")!).AbsolutePath;
        using var hana = app.CreatePageClient();

        var common = await ChooseAsync(hana, link, "QWERTYuiop123");
        var name = await ChooseAsync(hana, link, "hana sato 19901231");
        var sentence = await ChooseAsync(hana, link, "the river in Kyoto is cold in April");

        Assert.Contains(Common, common, StringComparison.Ordinal);
        Assert.Contains(Context, name, StringComparison.Ordinal);
        Assert.Equal("302 /staff/sign-in?status=password-saved", sentence);
    }

    [Fact]
    public async Task Changing_ones_password_refuses_a_common_one_and_ones_own_address()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Analyst]);
        using var browser = app.CreatePageClient();
        await browser.SignInAsync(credentials);

        var common = await ChangeAsync(browser, credentials, "1qaz2wsx3edc4RFV");
        var address = await ChangeAsync(browser, credentials, credentials.Email.ToUpperInvariant());
        var changed = await ChangeAsync(browser, credentials, "a kettle that sings at dawn");

        Assert.Contains(Common, common, StringComparison.Ordinal);
        Assert.Contains(Context, address, StringComparison.Ordinal);
        Assert.Equal("302 /staff/account?status=password-changed", changed);
    }

    private static async Task<string> ChooseAsync(PageClient browser, string link, string password) =>
        await AnswerAsync(await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }));

    private static async Task<string> ChangeAsync(PageClient browser, StaffCredentials credentials, string password) =>
        await AnswerAsync(await browser.SubmitAsync("/staff/account", new Dictionary<string, string>
        {
            ["Password.Current"] = credentials.Password,
            ["Password.New"] = password,
            ["Password.Confirm"] = password,
        }, handler: "Password"));

    /// <summary>The page's errors, or where it sent the browser.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK
            ? (await PageClient.ParseAsync(response)).QuerySelector(".error-summary")?.TextContent ?? "no error shown"
            : $"{(int)response.StatusCode} {response.Headers.Location?.OriginalString}";
}

[Collection(OnSqlite.Name)]
public sealed class PasswordRulesTestsOnSqlite(SqliteAppFixture fixture) : PasswordRulesTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class PasswordRulesTestsOnPostgres(PostgresAppFixture fixture) : PasswordRulesTests(fixture.App);
