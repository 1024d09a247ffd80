using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Intakes;

namespace Soudan.Tests.Features.Intakes;

/// <summary><c>POST /api/v1/intakes</c> (PRODUCT.md, "Stable public interface"), on both databases.</summary>
public abstract class IntakeApiTests(SoudanApp app)
{
    [Fact]
    public async Task A_consultation_is_received_with_a_readable_reference_and_a_private_link_in_the_workers_language()
    {
        var receipt = await app.SubmitIntakeAsync();

        Assert.Matches(@"^\d{3}-\d{3}-\d{3}$", receipt.Reference);
        Assert.True(IntakeReference.IsValid(receipt.Reference));
        Assert.Matches(@"^http://localhost/tl/c/[A-Za-z0-9_-]{22}$", receipt.FollowUpUrl);
    }

    [Fact]
    public async Task Without_an_interface_language_the_link_is_in_the_language_to_answer_in_when_it_is_a_public_one()
    {
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { InterfaceLanguage = null, PreferredLanguage = "vi" });

        Assert.Contains("/vi/c/", receipt.FollowUpUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_private_link_shows_the_consultation_with_nothing_rendered_as_markup()
    {
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with
        {
            Name = "Maria <script>alert(1)</script>",
            Description = "<img src=x onerror=alert(1)> 会社が休業、手当なし。",
        });
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri(receipt.FollowUpUrl).PathAndQuery);

        Assert.Contains(receipt.Reference, html, StringComparison.Ordinal);
        Assert.Contains("会社が休業、手当なし。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tl/c/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/tl/c/short")]
    [InlineData("/tl/c/%E2%80%AE%3Cscript%3E")]
    public async Task A_link_that_does_not_work_gets_the_same_not_found_answer(string path)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("tl", (await PageClient.ParseAsync(response)).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Text_is_kept_as_typed_in_any_script_but_without_hidden_and_reordering_characters()
    {
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with
        {
            Name = "Cafe\u0301 \u202Eevil\u202C\u0000 नमस्ते\u200D",
            Description = "محمد\u2066 trabaho\r\n\r\n\r\nשלום\u200B",
        });

        var (name, story) = await app.WithScopeAsync(async s =>
        {
            var intake = await s.GetRequiredService<SoudanDbContext>().Intakes.SingleAsync(i => i.Reference == receipt.Reference);
            return (intake.Name, s.GetRequiredService<IntakeDesk>().Read(intake.StoryProtected));
        });

        Assert.Equal("Café evil नमस्ते\u200D", name);
        Assert.Equal("محمد trabaho\n\nשלום", story);
    }

    [Fact]
    public async Task A_copy_of_the_database_holds_neither_the_story_nor_the_link()
    {
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Description = "A story nobody may read in a dump 8431" });
        var token = receipt.FollowUpUrl.Split('/').Last();

        var row = await app.WithScopeAsync(async s =>
        {
            var intake = await s.GetRequiredService<SoudanDbContext>().Intakes.AsNoTracking().SingleAsync(i => i.Reference == receipt.Reference);
            return JsonSerializer.Serialize(intake);
        });

        Assert.DoesNotContain("8431", row, StringComparison.Ordinal);
        Assert.DoesNotContain(token, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_the_same_request_again_with_its_idempotency_key_returns_the_same_consultation()
    {
        using var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        async Task<IntakeReceipt> SendAsync(IntakeRequest request)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/intakes") { Content = JsonContent.Create(request) };
            message.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(message);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<IntakeReceipt>())!;
        }

        var first = await SendAsync(SoudanApp.SampleIntake());
        var again = await SendAsync(SoudanApp.SampleIntake());
        var other = await SendAsync(SoudanApp.SampleIntake() with { Description = "someone else, same key" });

        Assert.Equal(first, again);
        Assert.NotEqual(first.Reference, other.Reference);
        Assert.NotEqual(first.FollowUpUrl, other.FollowUpUrl);
    }

    [Fact]
    public async Task Consultations_sent_at_the_same_moment_each_twice_are_stored_once_each_with_their_statistics()
    {
        // They are committed together (IntakeWriter): a pair in one batch makes the batch fail on the
        // submission key, and each must still end as if it had been saved alone.
        using var client = app.CreateClient();
        var keys = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid().ToString()).ToList();
        async Task<(string Key, IntakeReceipt Receipt)> SendAsync(string key)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/intakes") { Content = JsonContent.Create(SoudanApp.SampleIntake() with { Name = "Pair " + key }) };
            message.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(message);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (key, (await response.Content.ReadFromJsonAsync<IntakeReceipt>())!);
        }

        var receipts = await Task.WhenAll(keys.Concat(keys).Select(SendAsync));

        var pairs = receipts.GroupBy(r => r.Key).ToList();
        Assert.All(pairs, pair => Assert.Single(pair.Select(r => r.Receipt).Distinct()));
        var references = pairs.Select(p => p.First().Receipt.Reference).ToList();
        Assert.Equal(30, references.Distinct().Count());
        var stored = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var ids = await db.Intakes.Where(i => references.Contains(i.Reference)).Select(i => i.Id).ToListAsync();
            var tokens = s.GetRequiredService<Soudan.Web.Features.Statistics.StatisticsTokens>();
            var keys = references.Select(tokens.SourceOfIntake).ToList();
            var facts = await db.Set<Soudan.Web.Features.Statistics.StatisticsFact>().CountAsync(f => f.SourceKey != null && keys.Contains(f.SourceKey));
            return (ids.Count, facts);
        });
        Assert.Equal((30, 30), stored);
    }

    public static TheoryData<string, string> BadRequests() => new()
    {
        { """{"name":"A","contact":{"phone":"090-1234-5678"},"problems":["other"],"consent":false}""", "consent" },
        { """{"name":"A","problems":["other"],"consent":true}""", "contact" },
        { """{"contact":{"phone":"090-1234-5678"},"problems":["other"],"consent":true}""", "name" },
        { """{"name":"A","contact":{"phone":"090-1234-5678"},"consent":true}""", "description" },
        { """{"name":"A","contact":{"phone":"call me"},"problems":["other"],"consent":true}""", "contact.phone" },
        { """{"name":"A","contact":{"email":"not@"},"problems":["other"],"consent":true}""", "contact.email" },
        { """{"name":"A","contact":{"line":"x"},"problems":["stolen-bike"],"consent":true}""", "problems" },
        { """{"name":"A","contact":{"line":"x"},"problems":["other"],"urgent":["bored"],"consent":true}""", "urgent" },
        { """{"name":"A","contact":{"line":"x"},"problems":["other"],"prefectureCode":"48","consent":true}""", "prefectureCode" },
        { """{"name":"A","contact":{"line":"x"},"problems":["other"],"nationality":"ZZ","consent":true}""", "nationality" },
        { """{"name":"A","contact":{"line":"x"},"problems":["other"],"residenceStatus":"tourist","consent":true}""", "residenceStatus" },
        { """{"name":"A","contact":{"line":"x"},"problems":["other"],"interfaceLanguage":"xx","consent":true}""", "interfaceLanguage" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_consultation_gets_a_problem_naming_the_field(string json, string field)
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/api/v1/intakes", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.NotEmpty(messages.EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"name": 5, "consent": "yes"}""")]
    [InlineData("""{"problems": "lost-shifts"}""")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_consultation_gets_a_problem_not_an_error(string body)
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/api/v1/intakes", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_story_over_the_limit_is_refused_whole()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/intakes", SoudanApp.SampleIntake() with { Description = new string('語', Intake.StoryMaxLength + 1) });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("10,000", problem.GetProperty("errors").GetProperty("description")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_problem_is_written_in_the_workers_language()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/intakes", SoudanApp.SampleIntake() with { InterfaceLanguage = "ja", Consent = false });
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("consent")[0].GetString()!;

        Assert.DoesNotContain("privacy notice", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(message, c => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF');
    }
}

[Collection(OnSqlite.Name)]
public sealed class IntakeApiTestsOnSqlite(SqliteAppFixture fixture) : IntakeApiTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class IntakeApiTestsOnPostgres(PostgresAppFixture fixture) : IntakeApiTests(fixture.App);
