using System.Net;
using System.Net.Http.Json;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

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
    public async Task Messages_on_a_private_page_are_limited_as_documented_and_apart_from_reading()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "true" });
        var link = new Uri((await app.SubmitIntakeAsync()).FollowUpUrl).PathAndQuery;
        using var worker = app.CreatePageClient("tl");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await worker.SubmitAsync(link, new Dictionary<string, string> { ["Message"] = $"Mensahe {i}" })).StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(link)).StatusCode);   // reading is counted apart
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

    [Fact]
    public async Task Staff_may_send_a_photo_of_a_few_megabytes_to_a_case_but_not_a_video()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite, kestrel: true);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await Features.Cases.CaseSteps.OpenCaseAsync(app, counselor);
        byte[] photo = [0xFF, 0xD8, 0xFF, .. new byte[3 * 1024 * 1024]];

        var accepted = await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "photo" }, "shift.jpg", photo);
        // Ask before sending the body (as curl does): the server refuses before a byte of it is sent.
        counselor.Client.DefaultRequestHeaders.ExpectContinue = true;
        var refused = await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "photo" }, "video.jpg", new byte[25 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }
}
