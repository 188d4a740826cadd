using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NetworkNewsConsentUtc",
                table: "Registrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NetworkInvitation",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmailHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    UnsubscribeTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SentBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkInvitation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NetworkInvitation_Editions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "Editions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkOptOut",
                columns: table => new
                {
                    EmailHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkOptOut", x => x.EmailHash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInvitation_EditionId_EmailHash",
                table: "NetworkInvitation",
                columns: new[] { "EditionId", "EmailHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInvitation_UnsubscribeTokenHash",
                table: "NetworkInvitation",
                column: "UnsubscribeTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NetworkInvitation");

            migrationBuilder.DropTable(
                name: "NetworkOptOut");

            migrationBuilder.DropColumn(
                name: "NetworkNewsConsentUtc",
                table: "Registrations");
        }
    }
}
