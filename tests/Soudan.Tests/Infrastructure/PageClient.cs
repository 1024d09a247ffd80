using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using OtpNet;

namespace Soudan.Tests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a person with a browser without JavaScript: it keeps cookies,
/// reads forms from pages (antiforgery token included) and posts them. <paramref name="clock"/> is
/// the app's (a FakeTimeProvider in tests that move time), for the codes of the authenticator app.
/// </summary>
public sealed partial class PageClient(HttpClient client, CookieContainer cookies, TimeProvider? clock = null) : IDisposable
{
    private const int StepSeconds = 30;

    private static readonly HtmlParser Parser = new();

    /// <summary>The last time step whose code was handed out, per authenticator key: the app takes each code once.</summary>
    private static readonly ConcurrentDictionary<string, long> LastSteps = new(StringComparer.Ordinal);

    public HttpClient Client { get; } = client;

    /// <summary>The cookies this browser would send to <paramref name="path"/>.</summary>
    public string CookieHeader(string path) => cookies.GetCookieHeader(new Uri(Client.BaseAddress!, path));

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Opens <paramref name="path"/>, fills the form whose action or handler matches (the first form
    /// with an antiforgery token when none is named) and submits it as the browser would.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IReadOnlyDictionary<string, string> fields, string? handler = null)
    {
        var page = await GetPageAsync(path);
        return await SubmitAsync(page, path, fields, handler);
    }

    /// <summary>"?handler=Referral" calls Referral, not ReferralOutcome.</summary>
    private static bool CallsHandler(string? action, string handler) =>
        System.Text.RegularExpressions.Regex.IsMatch(WebUtility.HtmlDecode(action ?? ""), "[?&]handler=" + System.Text.RegularExpressions.Regex.Escape(handler) + "(&|$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string path, IReadOnlyDictionary<string, string> fields, string? handler = null, (string Field, string FileName, byte[] Content)? file = null)
    {
        // A handler is a form's action, or a button's formaction ("Save to the case" beside "Calculate").
        var button = handler is null ? null : page.Forms.SelectMany(f => f.Elements.OfType<IHtmlButtonElement>())
            .FirstOrDefault(b => CallsHandler(b.GetAttribute("formaction"), handler));
        var form = page.Forms.FirstOrDefault(f =>
                       handler is null
                           ? f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "__rvt") && !(f.GetAttribute("action") ?? "").Contains("handler=", StringComparison.Ordinal) && f.GetAttribute("action") != "/staff/sign-out"
                           : CallsHandler(f.GetAttribute("action"), handler))
                   ?? button?.Form
                   ?? throw new InvalidOperationException($"No form (handler {handler ?? "default"}) on {path}");
        var values = ValuesOf(form, fields);
        var action = button?.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? path : new Uri(new Uri(Client.BaseAddress!, path), WebUtility.HtmlDecode(action)).PathAndQuery;
        if (file is null)
        {
            return await Client.PostAsync(target, new FormUrlEncodedContent(values));
        }

        // A button with formenctype="multipart/form-data" sends the whole form with the file, as a browser does.
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            body.Add(new StringContent(value), name);
        }

        var content = new ByteArrayContent(file.Value.Content);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        body.Add(content, file.Value.Field, file.Value.FileName);
        return await Client.PostAsync(target, body);
    }

    /// <summary>What a browser sends of the form: every named input, checked box, chosen option and text area, with <paramref name="fields"/> in place of their own.</summary>
    private static List<KeyValuePair<string, string>> ValuesOf(IHtmlFormElement form, IReadOnlyDictionary<string, string> fields)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || fields.ContainsKey(input.Name) || input.Type == "file")
            {
                continue;
            }

            if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
            {
                continue;
            }

            values.Add(new(input.Name, input.Value));
        }

        // As a browser sends them: the chosen option of each list, and what each text area holds.
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(e => !string.IsNullOrEmpty(e.Name) && !fields.ContainsKey(e.Name!)))
        {
            values.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(select.Name!, o.Value)));
        }

        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>().Where(e => !string.IsNullOrEmpty(e.Name) && !fields.ContainsKey(e.Name!)))
        {
            values.Add(new(area.Name!, area.Value));
        }

        values.AddRange(fields);
        return values;
    }

    /// <summary>
    /// Posts to <paramref name="action"/> with the antiforgery token of the page at <paramref name="pagePath"/>,
    /// as a crafted request would where the page shows no form for it.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(string pagePath, string action, IReadOnlyDictionary<string, string> fields)
    {
        var page = await GetPageAsync(pagePath);
        var token = page.QuerySelector("input[name=__rvt]")?.GetAttribute("value") ?? throw new InvalidOperationException($"No antiforgery token on {pagePath}");
        return await Client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__rvt", token))));
    }

    /// <summary>Sends a file with the page's form (multipart, as a browser does), with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string path, string? handler, IReadOnlyDictionary<string, string> fields, string fileName, byte[] content)
    {
        var page = await GetPageAsync(path);
        var form = page.Forms.First(f => handler is null
            ? f.GetAttribute("enctype") == "multipart/form-data"
            : CallsHandler(f.GetAttribute("action"), handler));
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(form.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "__rvt").Value), "__rvt");
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "file", fileName);
        var action = form.GetAttribute("action");
        return await Client.PostAsync(string.IsNullOrEmpty(action) ? path : WebUtility.HtmlDecode(action), body);
    }

    /// <summary>Signs in with the password, then the authenticator code when the account has one.</summary>
    public async Task<HttpResponseMessage> SignInAsync(StaffCredentials credentials)
    {
        var response = await SubmitAsync("/staff/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = credentials.Email,
            ["Input.Password"] = credentials.Password,
        });
        if (response.Headers.Location?.OriginalString.StartsWith("/staff/sign-in/two-factor", StringComparison.Ordinal) == true)
        {
            response = await SubmitAsync(response.Headers.Location.OriginalString, new Dictionary<string, string>
            {
                ["Input.Code"] = NextCode(credentials.AuthenticatorKey!, clock ?? TimeProvider.System),
            });
        }

        return response;
    }

    /// <summary>A code of the authenticator app for now that the app has not been given yet (see <see cref="NextCode"/>).</summary>
    public static string CurrentCode(string authenticatorKey) => NextCode(authenticatorKey, TimeProvider.System);

    /// <summary>
    /// What a person's authenticator app shows, never a code handed out before: the app accepts
    /// each code once, and tests sign the same account in more than once. The current step's code,
    /// else the next step's (the app accepts one step ahead); only when both were used does it wait
    /// for the clock to move on, which a fake clock cannot do by itself.
    /// </summary>
    public static string NextCode(string authenticatorKey, TimeProvider clock)
    {
        var key = authenticatorKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        while (true)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
            var known = LastSteps.TryGetValue(key, out var last);
            var step = known ? Math.Max(now, last + 1) : now;
            if (step > now + 1)
            {
                if (clock != TimeProvider.System)
                {
                    throw new InvalidOperationException("Every code of this step and the next was used: advance the fake clock by 30 seconds.");
                }

                Thread.Sleep(TimeSpan.FromSeconds(StepSeconds - (clock.GetUtcNow().ToUnixTimeSeconds() % StepSeconds)));
                continue;
            }

            if (known ? LastSteps.TryUpdate(key, step, last) : LastSteps.TryAdd(key, step))
            {
                return new Hotp(Base32Encoding.ToBytes(key)).ComputeHOTP(step);
            }
        }
    }

    /// <summary>The text of a page's main element, whitespace collapsed: what a person reads.</summary>
    public static string MainText(IHtmlDocument page) =>
        Whitespace().Replace(page.QuerySelector("main")?.TextContent ?? "", " ").Trim();

    public void Dispose() => Client.Dispose();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
