using DaysOfClusters.Bench;

return await BenchRunner.RunAsync(args);
