using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegistrationQuestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuestionChoices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelSr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    Taken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionChoices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegistrationQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    LabelSr = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    HelpText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IsRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ShowIfQuestionId = table.Column<int>(type: "INTEGER", nullable: true),
                    ShowIfChoiceId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegistrationQuestions_Editions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "Editions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RegistrationQuestions_QuestionChoices_ShowIfChoiceId",
                        column: x => x.ShowIfChoiceId,
                        principalTable: "QuestionChoices",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_RegistrationQuestions_RegistrationQuestions_ShowIfQuestionId",
                        column: x => x.ShowIfQuestionId,
                        principalTable: "RegistrationQuestions",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "RegistrationAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChoiceId = table.Column<int>(type: "INTEGER", nullable: true),
                    Value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegistrationAnswers_QuestionChoices_ChoiceId",
                        column: x => x.ChoiceId,
                        principalTable: "QuestionChoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegistrationAnswers_RegistrationQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "RegistrationQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegistrationAnswers_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionChoices_QuestionId",
                table: "QuestionChoices",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationAnswers_ChoiceId",
                table: "RegistrationAnswers",
                column: "ChoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationAnswers_QuestionId",
                table: "RegistrationAnswers",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationAnswers_RegistrationId_QuestionId",
                table: "RegistrationAnswers",
                columns: new[] { "RegistrationId", "QuestionId" });

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationQuestions_EditionId_SortOrder",
                table: "RegistrationQuestions",
                columns: new[] { "EditionId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationQuestions_ShowIfChoiceId",
                table: "RegistrationQuestions",
                column: "ShowIfChoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationQuestions_ShowIfQuestionId",
                table: "RegistrationQuestions",
                column: "ShowIfQuestionId");

            migrationBuilder.AddForeignKey(
                name: "FK_QuestionChoices_RegistrationQuestions_QuestionId",
                table: "QuestionChoices",
                column: "QuestionId",
                principalTable: "RegistrationQuestions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_QuestionChoices_RegistrationQuestions_QuestionId",
                table: "QuestionChoices");

            migrationBuilder.DropTable(
                name: "RegistrationAnswers");

            migrationBuilder.DropTable(
                name: "RegistrationQuestions");

            migrationBuilder.DropTable(
                name: "QuestionChoices");
        }
    }
}
