using System.Net;
using System.Net.Http.Json;
using Soudan.Tests.Infrastructure;

namespace Soudan.Tests.Security;

/// <summary>The limits that protect sign-in and the server, each answered with a page a person can read.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task Repeated_sign_in_attempts_are_slowed_with_a_page_in_the_staff_language()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:SignInPerMinute"] = "3",
        });
        using var browser = app.CreatePageClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last = await browser.SignInAsync(new StaffCredentials(Guid.Empty, "someone@example.org", $"guess number {attempt}", null));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("Please wait a minute", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("60", last.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff/sign-in")).StatusCode);
    }

    [Fact]
    public async Task A_flood_of_consultations_from_one_address_is_answered_429_never_500()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "true" });
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 15; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/intakes", SoudanApp.SampleIntake() with { Description = $"flood {i}" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Guessing_private_links_is_slowed_down()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:FollowUpPerMinute"] = "5",
        });
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await client.GetAsync($"/tl/c/guess{i:D17}")).StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task An_oversized_request_gets_a_page_saying_it_is_too_large()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite, kestrel: true);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("Accept-Language", "en");

        var response = await client.PostAsync("/staff/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "someone@example.org",
            ["Input.Password"] = new string('x', 2 * 1024 * 1024),
        }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("What you sent is too large.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
