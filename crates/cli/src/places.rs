//! A use case names the field it refuses as its callers' forms and the API do (`value`,
//! `quantity`); the command line names its own arguments instead (`--value`, `QUANTITY`).

use artel_app::AppError;

/// `error` with each place named by `names` (use case's place, command line's) renamed.
pub fn on_the_command_line(error: AppError, names: &[(&str, &str)]) -> AppError {
    match error {
        AppError::Rejected(problems) => AppError::Rejected(
            problems
                .into_iter()
                .map(|mut problem| {
                    if let Some((_, name)) = names.iter().find(|(place, _)| *place == problem.place)
                    {
                        problem.place = (*name).to_owned();
                    }
                    problem
                })
                .collect(),
        ),
        other => other,
    }
}
