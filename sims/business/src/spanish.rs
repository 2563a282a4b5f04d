//! The business's phrasebook: the Spanish of every sentence the model says. The
//! English stays where the model says it (`b.say("nobody")`); this table is the
//! one place a translator edits. The test below fails when a sentence has no
//! Spanish, or the table keeps one nothing says.
//!
//! Money keeps the scenario's currency sign and its decimal point ("$1,250.00"), as
//! US Spanish speakers read dollars.

use firstshift_core::Phrasebook;

pub const WORDS: Phrasebook = Phrasebook { spanish: SPANISH };

const SPANISH: &[(&str, &str)] = &[
    // The clock and the weather.
    ("midnight", "medianoche"),
    ("noon", "mediodía"),
    ("{} am", "{} a. m."),
    ("{} pm", "{} p. m."),
    ("sunny", "soleado"),
    ("hot", "calor"),
    ("cloudy", "nublado"),
    ("cold", "frío"),
    ("rain", "lluvia"),
    // What happens each day.
    (
        "{}{}: open at {}, {} on shift.",
        "El {}{}: abre a las {}, {} de turno.",
    ),
    ("The delivery is in: {} {}.", "Ha llegado el pedido: {} {}."),
    (
        "Out of {} around {}: customers who wanted them walk away.",
        "Ya no quedan {} hacia las {}: los clientes que venían por ese producto se van.",
    ),
    (
        "{} {} past their shelf life go in the bin ({} of stock).",
        "{} unidades de {} ya no se pueden vender y van a la basura ({} en mercancía).",
    ),
    (
        "{} is due today: {} leaves the bank at closing.",
        "Hoy vence {}: al cerrar salen {} del banco.",
    ),
    (
        "{} closes: {} customers served{}, takings {}, {} for the day.",
        "El {} cierra: {} clientes atendidos{}, ventas {}, {} en el día.",
    ),
    (", {} walked away", ", {} se fueron sin comprar"),
    ("{} closes.", "El {} cierra."),
    (
        "The bank account is overdrawn by {}: the bank charges fees and may stop payments.",
        "La cuenta está en descubierto por {}: el banco cobra comisiones y puede detener los pagos.",
    ),
    (
        "The last day is over: {} in the bank, {} over the {} days.",
        "Terminó el último día: {} en el banco, {} en los {} días.",
    ),
    ("a loss of {}", "una pérdida de {}"),
    ("a profit of {}", "una ganancia de {}"),
    ("nobody", "nadie"),
    ("1 person", "1 persona"),
    ("{} people", "{} personas"),
    // Decisions, and why one could not be carried out.
    (
        "{} now cost {} each (were {}).",
        "{} cuestan ahora {} la unidad (antes {}).",
    ),
    (
        "Ordered {} {} for {}, paid now; they arrive when you open on {}.",
        "Pedido: {} {} por {}, pagado ya; llega cuando abras el {}.",
    ),
    (
        "{} on shift from now on (was {}).",
        "{} de turno a partir de ahora (antes {}).",
    ),
    (
        "You borrow {} from {}; you owe {} now.",
        "Pides prestados {} a {}; ahora debes {}.",
    ),
    ("the bank", "el banco"),
    (
        "You repay {}; you owe {} now.",
        "Devuelves {}; ahora debes {}.",
    ),
    (
        "This business sells no `{}`.",
        "Este negocio no vende `{}`.",
    ),
    (
        "{} is not a price for {}: it must be above zero.",
        "{} no es un precio para {}: tiene que ser mayor que cero.",
    ),
    (
        "An order must be for 1 to {} items.",
        "Un pedido tiene que ser de 1 a {} artículos.",
    ),
    (
        "No more deliveries: this is the last trading day, so anything ordered would arrive after the business has closed for good.",
        "No hay más entregas: es el último día de venta, así que lo que pidas llegaría cuando el negocio ya haya cerrado para siempre.",
    ),
    (
        "That costs {} and the bank holds {}: spend less, or borrow first.",
        "Eso cuesta {} y en el banco hay {}: gasta menos o pide un préstamo antes.",
    ),
    (
        "There is room for {} at once, not {}.",
        "Hay sitio para {} a la vez, no para {}.",
    ),
    (
        "No one has offered this business a loan.",
        "Nadie le ha ofrecido un préstamo a este negocio.",
    ),
    (
        "The amount must be above zero.",
        "La cantidad tiene que ser mayor que cero.",
    ),
    (
        "The loan's limit is {}; you owe {} already.",
        "El límite del préstamo es {}; ya debes {}.",
    ),
    (
        "There is no loan to repay.",
        "No hay ningún préstamo que devolver.",
    ),
    // The board.
    ("Trading is over", "La venta ha terminado"),
    ("{}, {}: open", "El {}, {}: abierto"),
    ("{}, after closing", "El {}, después del cierre"),
    (
        "{}{}. {} in the bank; {} so far.",
        "{}{}. {} en el banco; {} hasta ahora.",
    ),
    ("Day", "Día"),
    ("{} of {}", "{} de {}"),
    ("Cash", "Dinero"),
    ("Profit", "Ganancia"),
    ("Takings", "Ventas"),
    ("Customers served", "Clientes atendidos"),
    ("Walked away", "Se fueron sin comprar"),
    (
        "{} (sold out {}, queue {})",
        "{} (por falta de producto {}, por la cola {})",
    ),
    ("Staff", "Personal"),
    ("Loan", "Préstamo"),
    ("{} owed of {}", "{} debidos de {}"),
    (
        "{}: {} each (cost {}), {} on the shelf",
        "{}: {} la unidad (coste {}), {} en el estante",
    ),
    (", {} arriving", ", {} por llegar"),
    (", {} sold", ", {} unidades vendidas"),
    (", {} spoiled", ", {} unidades caducadas"),
    (", {} customers found none", ", {} clientes no encontraron"),
    (
        "Day {} ({}): {} served, {} walked away, takings {}, profit {}, cash after {}.",
        "Día {} ({}): {} atendidos, {} se fueron sin comprar, ventas {}, ganancia {}, dinero al final {}.",
    ),
    // The scene.
    ("{} · day {} of {}", "{} · día {} de {}"),
    ("Cash {}", "Dinero {}"),
    ("Profit {}", "Ganancia {}"),
    ("Served {} ({} %)", "Atendidos {} ({} %)"),
    ("Cash in the bank", "Dinero en el banco"),
    ("On the shelf", "En el estante"),
    ("none left", "no queda"),
    ("{} left", "quedan {}"),
    // The debrief's chart.
    (
        "The business over your run: cash in the bank",
        "El negocio durante tu partida: el dinero en el banco",
    ),
    ("Cash ({})", "Dinero ({})"),
    ("Cash went from {} to {}", "El dinero pasó de {} a {}"),
    ("the last day", "el último día"),
    (
        "{}; it was lowest, {}, on {}.",
        "{}; estuvo en su punto más bajo, {}, el {}.",
    ),
    (
        "{}, and never fell below where it started.",
        "{}, y nunca bajó de donde empezó.",
    ),
];

#[cfg(test)]
mod tests {
    use super::WORDS;
    use crate::setup::Weather;

    #[test]
    fn every_sentence_the_business_says_has_spanish() {
        // The weather is said through a lookup (`say(l, w.word())`).
        let said: Vec<&str> = [
            Weather::Sunny,
            Weather::Hot,
            Weather::Cloudy,
            Weather::Cold,
            Weather::Rain,
        ]
        .map(Weather::word)
        .to_vec();
        let sources = firstshift_testkit::rust_sources(env!("CARGO_MANIFEST_DIR"));
        let texts: Vec<&str> = sources.iter().map(String::as_str).collect();
        let problems = WORDS.check(&texts, &said);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
