using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Soudan.LaborLaw.Calculators;
using Soudan.LaborLaw.MinimumWages;

// In process: no project of its own to build, so it runs from anywhere (bench/run) in seconds.
BenchmarkRunner.Run<Soudan.LaborLaw.Bench.CalculatorBenchmarks>(
    ManualConfig.CreateMinimumViable()
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
        .AddExporter(MarkdownExporter.GitHub));

namespace Soudan.LaborLaw.Bench
{
    /// <summary>
    /// How long the library takes for what a page or the API asks of it: a month of shifts through the
    /// overtime rules (the issue asks for microseconds), and the minimum-wage look-up they lean on.
    /// </summary>
    public class CalculatorBenchmarks
    {
        private static readonly DayOfWeek[] MondayToSaturday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

        private readonly MinimumWageTable _rates = MinimumWageTable.Seed;

        private OvertimeInput _month = null!;

        [GlobalSetup]
        public void Setup()
        {
            // SCENARIOS.md §2: the cook's November, Monday to Saturday 6:00-23:00 with an hour's break.
            var days = Overtime.Pattern(new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 30), MondayToSaturday, new TimeOnly(6, 0), new TimeOnly(23, 0), 60);
            _month = new OvertimeInput("13", PayType.Monthly, 180_000m, 160m, null, null, null, null, null, null, days);
        }

        [Benchmark(Description = "Overtime, a month of 25 shifts")]
        public decimal OvertimeMonth() => Overtime.Calculate(_rates, _month).Amounts.OwedYen;

        [Benchmark(Description = "Minimum wage in force (Tokyo, a day)")]
        public decimal MinimumWageLookup() => _rates.InForce("13", new DateOnly(2025, 11, 1))!.HourlyYen;
    }
}
