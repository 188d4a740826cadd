using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <summary>
    /// The network's series (seeded), and each edition's series and kind: every edition already there becomes a Days of
    /// Clusters conference, its number kept.
    /// </summary>
    public partial class EventSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Editions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Conference");

            migrationBuilder.AddColumn<int>(
                name: "SeriesId",
                table: "Editions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "Series",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    NameSr = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    LogoPath = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DescriptionSr = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DefaultKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Series", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "Series",
                columns: new[] { "Id", "Code", "Colour", "DefaultKind", "Description", "DescriptionSr", "LogoPath", "Name", "NameSr", "SortOrder" },
                values: new object[,]
                {
                    { 1, "dofc", "#1B3A6B", "Conference", "The yearly cluster conference of South-East Europe: round tables with EC officers, B2B matchmaking, and the Balkan and Black Sea cluster network in one place.", "Godišnja klasterska konferencija Jugoistočne Evrope: okrugli stolovi sa službenicima Evropske komisije, B2B susreti i klasterska mreža Balkana i Crnog mora na jednom mestu.", "img/logo.svg", "Days of Clusters", "Dani klastera", 1 },
                    { 2, "round-table", "#00838F", "RoundTable", "Cluster managers around one table with European Commission officers and ministries: by invitation, one seat per member organisation.", "Menadžeri klastera za jednim stolom sa službenicima Evropske komisije i ministarstava: po pozivu, jedno mesto po članici.", "img/logo.svg", "Cluster Round Table", "Okrugli sto klastera", 2 },
                    { 3, "serbian-day", "#C62828", "NationalDay", "The national day of Serbia's clusters, held with partners such as embassies and chambers of commerce.", "Nacionalni dan klastera Srbije, uz partnere kao što su ambasade i privredne komore.", "img/logo.svg", "Serbian Cluster Day", "Dan klastera Srbije", 3 },
                    { 4, "training", "#2E7D32", "Training", "Courses for cluster managers and members at the network's training centre in Leskovac.", "Kursevi za menadžere i članice klastera u trening centru mreže u Leskovcu.", "img/logo.svg", "Training", "Obuka", 4 },
                    { 5, "matchmaking", "#F9A825", "MatchmakingDay", "A day of booked B2B and cluster-to-cluster meetings.", "Dan zakazanih B2B susreta i susreta klastera sa klasterima.", "img/logo.svg", "Matchmaking Day", "Dan poslovnih susreta", 5 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Editions_SeriesId_StartDate",
                table: "Editions",
                columns: new[] { "SeriesId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Series_Code",
                table: "Series",
                column: "Code",
                unique: true);

            // No FOREIGN KEY on SQLite: adding one makes EF rebuild Editions (copy, drop, rename), and dropping the table
            // drops the statistics trigger on it. The series are the migration's (nothing deletes them) and
            // EditionService checks the series before it saves.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Series");

            migrationBuilder.DropIndex(
                name: "IX_Editions_SeriesId_StartDate",
                table: "Editions");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Editions");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "Editions");
        }
    }
}
