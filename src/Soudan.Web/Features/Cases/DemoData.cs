using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Employers;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.People;
using Soudan.Web.Features.Search;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Cases;

/// <summary>
/// <c>-- demo-data --cases N</c>: fills an empty database with made-up cases, workers (names in the
/// scripts of the hotline's languages), employers and notes, for demonstrations and for the
/// benchmarks (bench/README.md). It refuses a database that already holds cases, so generated
/// records never mix with real ones.
/// </summary>
public static class DemoData
{
    private const int Batch = 2_000;

    // (nationality, language, given names, family names): each as workers write them.
    private static readonly (string Country, string Language, string[] Given, string[] Family)[] Peoples =
    [
        ("PH", "tl", ["Maria", "Ana", "Jose", "Mark", "Liza", "Rowena", "Jun"], ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza"]),
        ("VN", "vi", ["Văn An", "Thị Hoa", "Minh Tuấn", "Thị Lan", "Quốc Bảo"], ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"]),
        ("NP", "ne", ["राम", "सीता", "हरि", "गीता", "बिकास"], ["श्रेष्ठ", "गुरुङ", "तामाङ", "राई", "थापा"]),
        ("MM", "my", ["အောင်", "မြင့်", "သီတာ", "ဇော်"], ["မောင်", "ဦး", "ဒေါ်"]),
        ("MN", "mn", ["Бат-Эрдэнэ", "Сарангэрэл", "Мөнх-Эрдэнэ", "Оюунчимэг"], ["Болд", "Ганбаатар", "Дорж"]),
        ("BR", "pt-BR", ["João", "Ana Paula", "Marcos", "Fernanda"], ["Silva", "Oliveira", "Souza", "Higa", "Nakamura"]),
        ("ID", "id", ["Agus", "Siti", "Dewi", "Budi"], ["Santoso", "Wijaya", "Saputra", "Lestari"]),
        ("CN", "zh-Hans", ["伟", "芳", "娜", "强"], ["王", "李", "张", "刘"]),
        ("EG", "ar", ["محمد", "أحمد", "فاطمة", "علي"], ["حسن", "إبراهيم", "السيد"]),
        ("JP", "ja", ["花子", "太郎", "ハナコ", "ケンジ"], ["田中", "鈴木", "タナカ", "佐藤"]),
    ];

    private static readonly string[] CompanyWords =
        ["さくら", "富士", "東京", "Global", "Hotel", "食品", "Logistics", "みどり", "Star", "建設", "ケア", "Clean", "Sunrise", "はやぶさ", "北斗"];

    private static readonly string[] CompanyForms = ["株式会社{0}", "{0}有限会社", "{0} Co., Ltd.", "{0} K.K.", "(株){0}", "{0}"];

    private static readonly string[] Notes =
    [
        "Worked from 6:00 to 23:00 six days a week; paid 180,000 yen a month.",
        "Sent home in April without the leave allowance; the hotel says the agency pays.",
        "給与明細を写真で送ってもらう。残業代が払われていない。",
        "Wants to stay in Japan; the employer keeps the residence card.",
        "Dismissed by LINE message, no notice allowance.",
    ];

    public static Command Create(IServiceProvider services)
    {
        var cases = new Option<int>("--cases") { Description = "How many cases to make (with 1.2 workers each).", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "The same seed makes the same data.", DefaultValueFactory = _ => 20_260_401 };
        var command = new Command("demo-data", "Fill an empty database with made-up cases for demonstrations and benchmarks.") { cases, seed };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var count = parsed.GetValue(cases);
            if (count is < 1 or > 5_000_000)
            {
                await Console.Error.WriteLineAsync("--cases must be between 1 and 5,000,000.");
                return 1;
            }

            await services.MigrateDatabaseAsync(cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            if (await db.Set<Case>().AnyAsync(cancellationToken))
            {
                await Console.Error.WriteLineAsync("This database already holds cases: demo data is only ever made in an empty one.");
                return 1;
            }

            var watch = Stopwatch.StartNew();
            await GenerateAsync(db, scope.ServiceProvider.GetRequiredService<SensitiveText>(), scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, count, parsed.GetValue(seed), cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Made {count:N0} cases in {watch.Elapsed.TotalSeconds:F0} s."));
            return 0;
        });
        return command;
    }

    private static async Task GenerateAsync(SoudanDbContext db, SensitiveText sensitive, DateTime now, int count, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var companies = new List<Employer>();
        var companyCount = Math.Max(20, count / 20);
        for (var i = 0; i < companyCount; i++)
        {
            var word = CompanyWords[i % CompanyWords.Length] + (i / CompanyWords.Length).ToString(CultureInfo.InvariantCulture);
            var name = string.Format(CultureInfo.InvariantCulture, CompanyForms[i % CompanyForms.Length], word);
            companies.Add(new Employer { Name = name, NameKey = EmployerNames.Key(name), CreatedAtUtc = now });
        }

        foreach (var chunk in companies.Chunk(Batch))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(cancellationToken);
        }

        var problems = ConsultationTerms.Problems.All.Select(p => p.Code).ToArray();
        var protectedNotes = Notes.Select(sensitive.Protect).ToArray();
        var people = 0;
        for (var start = 0; start < count; start += Batch)
        {
            var size = Math.Min(Batch, count - start);
            var batch = new List<(Case Case, List<Person> Workers, string[] Companies, string Note)>(size);
            for (var i = start; i < start + size; i++)
            {
                var workers = new List<Person> { MakePerson(random, people++, now) };
                if (i % 5 == 0)
                {
                    workers.Add(MakePerson(random, people++, now));
                }

                var opened = now.AddMinutes(-random.Next(0, 5 * 365 * 24 * 60));
                var employer = companies[random.Next(companies.Count)];
                var agency = random.Next(3) == 0 ? companies[random.Next(companies.Count)] : null;
                var noteIndex = random.Next(Notes.Length);
                var status = (CaseStatus)random.Next(0, 6);
                var @case = new Case
                {
                    Reference = string.Create(CultureInfo.InvariantCulture, $"{opened.Year}-{i + 1:D7}"),
                    OpenedAtUtc = opened,
                    Urgency = random.Next(10) == 0 ? CaseUrgency.Urgent : CaseUrgency.Normal,
                    Language = Peoples.First(p => p.Country == workers[0].Nationality).Language,
                    Problems = [problems[random.Next(problems.Length)], problems[random.Next(problems.Length)]],
                    Tags = TagsFor(random, opened),
                    Workers = [.. workers.Select(w => new CaseWorker { Person = w })],
                    Entries = [new CaseEntry { Kind = CaseEntryKind.Note, AtUtc = opened.AddDays(1), TextProtected = protectedNotes[noteIndex] }],
                };
                @case.EmployerId = employer.Id;
                @case.AgencyId = agency?.Id;
                if (status is CaseStatus.Resolved or CaseStatus.Closed)
                {
                    @case.Finish(status, CaseOutcome.Of(new Dictionary<string, long> { ["unpaid-wages"] = random.Next(0, 50) * 10_000 }, [], false, false, opened.AddDays(60)), null, Guid.Empty, opened.AddDays(60));
                }
                else
                {
                    @case.ChangeStatus(status, null, Guid.Empty, opened.AddDays(2));
                }

                @case.DisputeCategories = [.. DisputeCategories.SuggestedFor(@case.Problems)];
                batch.Add((@case, workers, new[] { employer.Name, agency?.Name }.OfType<string>().ToArray(), Notes[noteIndex]));
            }

            db.AddRange(batch.Select(b => b.Case));
            await db.SaveChangesAsync(cancellationToken);
            db.AddRange(batch.Select(b =>
            {
                var (names, text) = CaseSearchIndex.EntryFor(b.Case.Reference, b.Workers, b.Companies, [b.Note]);
                return new CaseSearchEntry { CaseId = b.Case.Id, Names = names, Text = text };
            }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if ((start / Batch) % 50 == 0)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {start + size:N0} cases"));
            }
        }
    }

    /// <summary>Campaign tags as a hotline uses them: COVID-19 on one case in eight until mid-2023, a hotel workers' campaign on one in twenty.</summary>
    private static List<string> TagsFor(Random random, DateTime opened)
    {
        var tags = new List<string>();
        if (opened < new DateTime(2023, 7, 1, 0, 0, 0, DateTimeKind.Utc) && random.Next(8) == 0)
        {
            tags.Add("COVID-19");
        }

        if (random.Next(20) == 0)
        {
            tags.Add("hotel");
        }

        return tags;
    }

    private static Person MakePerson(Random random, int index, DateTime now)
    {
        var (country, language, given, family) = Peoples[random.Next(Peoples.Length)];
        var name = country is "JP" or "CN" or "VN"
            ? $"{family[random.Next(family.Length)]} {given[random.Next(given.Length)]}"
            : $"{given[random.Next(given.Length)]} {family[random.Next(family.Length)]}";
        var person = new Person
        {
            // A number makes each name its own, as real names mostly are.
            Name = name + " " + index.ToString("x", CultureInfo.InvariantCulture),
            PhoneNumbers = [string.Create(CultureInfo.InvariantCulture, $"+8190{index % 100_000_000:D8}")],
            Email = random.Next(4) == 0 ? string.Create(CultureInfo.InvariantCulture, $"worker{index}@example.org") : null,
            Nationality = country,
            Languages = [language],
            CreatedAtUtc = now,
        };
        person.RefreshNameKeys();
        return person;
    }
}
