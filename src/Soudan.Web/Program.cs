using Microsoft.Extensions.Options;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Calculators;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Guides;
using Soudan.Web.Features.Home;
using Soudan.Web.Features.Hotline;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.Privacy;
using Soudan.Web.Features.Statistics;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSoudanHosting(args);
    builder.AddSoudanDatabase();        // SQLite in Soudan__DataDirectory unless Database__Provider=postgres
    builder.AddSoudanLocalization();    // the public languages and the staff languages
    builder.AddSoudanSecurity();        // key ring, antiforgery, HSTS, known proxies, rate limits
    builder.AddSoudanAccounts();        // staff sign-in, two-factor, roles
    builder.AddSoudanIntakes();         // the online consultation and its follow-up link
    builder.AddSoudanHotline();         // hotline sessions
    builder.AddSoudanCases();           // case management: triage, cases, documents, search
    builder.AddSoudanPrivacy();         // erasing what a worker asked to delete
    builder.Services.AddSoudanCalculators(); // the labor-law calculators and the minimum wages they use
    builder.AddSoudanStatistics();      // figures without names: dashboards, exports, the public page
    builder.AddSoudanGuides();          // guides and news in every public language
    builder.AddSoudanWeb();             // pages, problem details, OpenAPI

    var app = builder.Build();
    app.UseSoudanPipeline();
    app.MapSoudanInfrastructure();      // static files, pages, /openapi, /healthz, /readyz
    app.MapHome();
    app.MapPasskeys();
    app.MapIntakes();
    app.MapHotline();
    app.MapStatistics();
    app.MapGuides();
    app.MapCalculators();

    return await app.RunSoudanAsync(args);
}
catch (Exception e) when (e is StartupException or OptionsValidationException)
{
    await Console.Error.WriteLineAsync("Soudan cannot start: " + e.Message);
    return 1;
}
