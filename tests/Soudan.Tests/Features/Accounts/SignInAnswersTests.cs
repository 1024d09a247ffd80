using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;
using Xunit.Abstractions;

namespace Soudan.Tests.Features.Accounts;

/// <summary>
/// Sign-in tells nothing: an unknown address, an account being slowed down, a deactivated account
/// and a volunteer's account past its end get the answer of a wrong password, in about its time.
/// </summary>
public abstract class SignInAnswersTests(TestDatabase database, ITestOutputHelper output)
{
    private const string WrongPassword = "The e-mail address or password is not right.";

    [Fact]
    public async Task Unknown_slowed_down_deactivated_and_ended_accounts_get_the_answer_of_a_wrong_password_in_its_time()
    {
        // A clock that stands still: the account being slowed down stays so while it is timed.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        var active = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        var deactivated = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        var ended = await app.CreateStaffAsync([StaffRoles.Operator], twoFactor: true, accessExpiresAtUtc: clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        var slowed = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<StaffUserManager>();
            var user = (await users.FindByIdAsync(deactivated.Id.ToString()))!;
            user.DeactivatedAtUtc = clock.GetUtcNow().UtcDateTime;
            return await users.UpdateAsync(user);
        });
        const string GuessersAddress = "198.51.100.5";
        using (var guesser = app.CreatePageClient(address: GuessersAddress))
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                await guesser.SubmitAsync("/staff/sign-in", Fields(slowed.Email, $"wrong guess number {attempt}"));
            }
        }

        // Each kind from an address of its own (the slowed-down account from the guesser's), and
        // each try of a wrong password on its own address, so that none of them is slowed down.
        var kinds = new (string Name, Func<PageClient> Browser, Func<int, Dictionary<string, string>> Fields)[]
        {
            ("wrong password", () => app.CreatePageClient(), i => Fields(active.Email, $"not the password {i}")),
            ("unknown address", () => app.CreatePageClient(), i => Fields($"nobody{i}+{Guid.NewGuid():N}@example.org", $"not the password {i}")),
            ("slowed down", () => app.CreatePageClient(address: GuessersAddress), _ => Fields(slowed.Email, slowed.Password)),
            ("deactivated", () => app.CreatePageClient(), _ => Fields(deactivated.Email, deactivated.Password)),
            ("ended", () => app.CreatePageClient(), _ => Fields(ended.Email, ended.Password)),
        };
        var times = kinds.ToDictionary(k => k.Name, _ => new List<double>());
        var answers = kinds.ToDictionary(k => k.Name, _ => new HashSet<string>());

        // Taken in turns, so that whatever else the machine does falls on every kind alike; the
        // first round warms up and is not counted.
        for (var round = 0; round < 12; round++)
        {
            foreach (var (name, newBrowser, fields) in kinds)
            {
                using var browser = newBrowser();
                var page = await browser.GetPageAsync("/staff/sign-in");
                var watch = Stopwatch.StartNew();
                var response = await browser.SubmitAsync(page, "/staff/sign-in", fields(round));
                watch.Stop();
                var text = PageClient.MainText(await PageClient.ParseAsync(response));
                answers[name].Add($"{(int)response.StatusCode} {text}");
                if (round > 0)
                {
                    times[name].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        var medians = times.ToDictionary(t => t.Key, t => Median(t.Value));
        var report = $"medians of 11 tries on {database}: " + string.Join(", ", medians.Select(m => $"{m.Key} {m.Value:0} ms"));
        output.WriteLine(report);
        var expected = Assert.Single(answers["wrong password"]);
        Assert.StartsWith("200 ", expected, StringComparison.Ordinal);
        Assert.Contains(WrongPassword, expected, StringComparison.Ordinal);
        Assert.All(answers, a => Assert.Equal(expected, Assert.Single(a.Value)));
        // Not under half, nor over twice (with 40 ms to spare) the time of a wrong password: an
        // answer that skips the check of a password (about 100 ms of it) shows, the noise of a busy
        // machine shared with other builds does not.
        var wrong = medians["wrong password"];
        Assert.All(medians, m => Assert.True(m.Value >= wrong / 2 && m.Value <= (wrong * 2) + 40, report));
    }

    private static Dictionary<string, string> Fields(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

public sealed class SignInAnswersTestsOnSqlite(ITestOutputHelper output) : SignInAnswersTests(TestDatabase.Sqlite, output);

public sealed class SignInAnswersTestsOnPostgres(ITestOutputHelper output) : SignInAnswersTests(TestDatabase.Postgres, output);
