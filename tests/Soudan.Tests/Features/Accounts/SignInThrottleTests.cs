using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Features.Accounts;

/// <summary>
/// Guessing is slowed down, per account and address, per account and per address, with waits
/// that double; nobody can lock a colleague out. Each test has its own app and a clock it moves.
/// </summary>
public abstract class SignInThrottleTests(TestDatabase database)
{
    private const string WrongPassword = "The e-mail address or password is not right.";
    private const string SecondStep = "/staff/sign-in/two-factor";

    [Fact]
    public async Task After_five_wrong_passwords_each_next_try_from_that_address_waits_twice_as_long_even_with_the_right_password()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        var person = await app.CreateStaffAsync([StaffRoles.Analyst]);
        using var guesser = app.CreatePageClient(address: "2001:db8:1:2::1");
        // Another address of the same /64: one machine can take any of them.
        using var sameMachine = app.CreatePageClient(address: "2001:db8:1:2:aaaa::99");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.True(await IsRefusedAsync(guesser, person with { Password = $"wrong guess number {attempt}" }), $"attempt {attempt}");
        }

        var rightAtOnce = await IsRefusedAsync(sameMachine, person);
        clock.Advance(TimeSpan.FromSeconds(1.1));
        var sixthWrong = await IsRefusedAsync(guesser, person with { Password = "wrong guess number 6" });
        clock.Advance(TimeSpan.FromSeconds(1.1));
        var rightOneSecondLater = await IsRefusedAsync(guesser, person);
        clock.Advance(TimeSpan.FromSeconds(1));
        var rightTwoSecondsLater = await guesser.SignInAsync(person);

        Assert.True(rightAtOnce, "the right password, within a second of the fifth failure, is answered like a wrong one");
        Assert.True(sixthWrong);
        Assert.True(rightOneSecondLater, "after the sixth failure the wait is two seconds");
        Assert.Equal("/staff", rightTwoSecondsLater.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Wrong_codes_and_wrong_recovery_codes_count_like_wrong_passwords()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        var person = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        var recoveryCode = (await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<StaffUserManager>();
            return await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(person.Id.ToString()))!, 3);
        }))!.First();
        const string Address = "198.51.100.20";
        using var browser = app.CreatePageClient(address: Address);
        Assert.Equal(SecondStep, (await browser.SubmitAsync("/staff/sign-in", Fields(person))).Headers.Location?.OriginalString);

        var answers = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            answers.Add(await SecondStepAsync(browser, SecondStep, "000000"));
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            answers.Add(await SecondStepAsync(browser, SecondStep + "?UseRecoveryCode=true", "AAAAA-BBBBB"));
        }

        var rightCodeAtOnce = await SecondStepAsync(browser, SecondStep, PageClient.NextCode(person.AuthenticatorKey!, clock));
        var rightRecoveryCodeAtOnce = await SecondStepAsync(browser, SecondStep + "?UseRecoveryCode=true", recoveryCode);
        using var sameAddress = app.CreatePageClient(address: Address);
        var rightPasswordAtOnce = await IsRefusedAsync(sameAddress, person);
        clock.Advance(TimeSpan.FromSeconds(1.1));
        var rightCodeLater = await browser.SubmitAsync(SecondStep, new Dictionary<string, string> { ["Input.Code"] = PageClient.NextCode(person.AuthenticatorKey!, clock) });

        Assert.All(answers.Take(3), a => Assert.Contains("That code did not work.", a, StringComparison.Ordinal));
        Assert.All(answers.Skip(3), a => Assert.Contains("That recovery code did not work.", a, StringComparison.Ordinal));
        Assert.Contains("That code did not work.", rightCodeAtOnce, StringComparison.Ordinal);
        Assert.Contains("That recovery code did not work.", rightRecoveryCodeAtOnce, StringComparison.Ordinal);
        Assert.True(rightPasswordAtOnce, "the same count slows the password step down");
        Assert.Equal("/staff", rightCodeLater.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Guessing_from_many_addresses_slows_new_addresses_down_but_not_the_person_where_they_signed_in_before()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        var person = await app.CreateStaffAsync([StaffRoles.Analyst]);
        const string Office = "203.0.113.10";
        using (var office = app.CreatePageClient(address: Office))
        {
            Assert.Equal("/staff", (await office.SignInAsync(person)).Headers.Location?.OriginalString);
        }

        for (var guesser = 0; guesser < 21; guesser++)
        {
            using var browser = app.CreatePageClient();
            Assert.True(await IsRefusedAsync(browser, person with { Password = $"a guess from afar {guesser}" }));
        }

        using var newPlace = app.CreatePageClient();
        var fromANewPlace = await IsRefusedAsync(newPlace, person);
        using var backAtTheOffice = app.CreatePageClient(address: Office);
        var fromTheOffice = await backAtTheOffice.SignInAsync(person);
        clock.Advance(TimeSpan.FromSeconds(2.1));
        var fromTheNewPlaceLater = await newPlace.SignInAsync(person);

        Assert.True(fromANewPlace, "21 failures from anywhere: a new address waits");
        Assert.Equal("/staff", fromTheOffice.Headers.Location?.OriginalString);
        Assert.Equal("/staff", fromTheNewPlaceLater.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Trying_many_accounts_from_one_address_slows_that_address_down_for_accounts_not_known_there()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        const string Router = "192.0.2.44";
        var regular = await app.CreateStaffAsync([StaffRoles.Analyst]);
        var newcomer = await app.CreateStaffAsync([StaffRoles.Analyst]);
        using (var before = app.CreatePageClient(address: Router))
        {
            await before.SignInAsync(regular);
        }

        using var sprayer = app.CreatePageClient(address: Router);
        for (var account = 0; account < 20; account++)
        {
            Assert.True(await IsRefusedAsync(sprayer, new StaffCredentials(Guid.Empty, $"guess{account}@example.org", "Summer2025-Summer2025", null)));
        }

        using var newcomerBrowser = app.CreatePageClient(address: Router);
        var newcomerAtOnce = await IsRefusedAsync(newcomerBrowser, newcomer);
        using var regularBrowser = app.CreatePageClient(address: Router);
        var regularAtOnce = await regularBrowser.SignInAsync(regular);
        clock.Advance(TimeSpan.FromSeconds(1.1));
        var newcomerLater = await newcomerBrowser.SignInAsync(newcomer);

        Assert.True(newcomerAtOnce);
        Assert.Equal("/staff", regularAtOnce.Headers.Location?.OriginalString);
        Assert.Equal("/staff", newcomerLater.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_in_clears_the_count_of_that_account_and_address()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        var person = await app.CreateStaffAsync([StaffRoles.Analyst]);
        var signedIn = new List<string?>();

        for (var round = 0; round < 3; round++)
        {
            using var browser = app.CreatePageClient(address: "198.51.100.77");
            for (var attempt = 0; attempt < 4; attempt++)
            {
                Assert.True(await IsRefusedAsync(browser, person with { Password = $"typo number {round}.{attempt}" }));
            }

            signedIn.Add((await browser.SignInAsync(person)).Headers.Location?.OriginalString);
        }

        Assert.Equal(["/staff", "/staff", "/staff"], signedIn);
    }

    [Fact]
    public async Task The_counts_are_shared_by_every_instance_and_name_no_address_nor_account()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        await using var second = app.StartSecondInstance();
        var person = await app.CreateStaffAsync([StaffRoles.Analyst]);
        const string Address = "198.51.100.99";
        using var onTheFirst = app.CreatePageClient(address: Address);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await onTheFirst.SignInAsync(person with { Password = $"wrong guess number {attempt}" });
        }

        using var onTheSecond = second.CreatePageClient(address: Address);
        var refusedThere = await IsRefusedAsync(onTheSecond, person);
        var keys = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<SignInThrottleCounter>().Select(c => c.Key).ToListAsync());

        Assert.True(refusedThere);
        Assert.Equal(3, keys.Count);
        Assert.All(keys, key =>
        {
            Assert.DoesNotContain(Address, key, StringComparison.Ordinal);
            Assert.DoesNotContain("example.org", key, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.Id.ToString(), key, StringComparison.OrdinalIgnoreCase);
        });
    }

    private static Dictionary<string, string> Fields(StaffCredentials credentials) => new()
    {
        ["Input.Email"] = credentials.Email,
        ["Input.Password"] = credentials.Password,
    };

    /// <summary>Whether the password step answered as it does to a wrong password (and nobody got in).</summary>
    private static async Task<bool> IsRefusedAsync(PageClient browser, StaffCredentials credentials)
    {
        var response = await browser.SubmitAsync("/staff/sign-in", Fields(credentials));
        return response.StatusCode == HttpStatusCode.OK
            && PageClient.MainText(await PageClient.ParseAsync(response)).Contains(WrongPassword, StringComparison.Ordinal);
    }

    /// <summary>The second step's answer to a code: the text of its error summary, or where it sent the browser.</summary>
    private static async Task<string> SecondStepAsync(PageClient browser, string path, string code)
    {
        var response = await browser.SubmitAsync(path, new Dictionary<string, string> { ["Input.Code"] = code });
        return response.StatusCode == HttpStatusCode.OK
            ? (await PageClient.ParseAsync(response)).QuerySelector(".error-summary")?.TextContent ?? ""
            : $"{(int)response.StatusCode} {response.Headers.Location}";
    }
}

public sealed class SignInThrottleTestsOnSqlite() : SignInThrottleTests(TestDatabase.Sqlite);

public sealed class SignInThrottleTestsOnPostgres() : SignInThrottleTests(TestDatabase.Postgres);
