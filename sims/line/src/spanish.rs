//! The line's phrasebook: the Spanish of every sentence the model says. The
//! English stays where the model says it (`self.say("Good parts")`); this table
//! is the one place a translator edits. The test below fails when a sentence has
//! no Spanish, or the table keeps one nothing says.
//!
//! Shop-floor Spanish as Latin American and US plants use it. OEE, WIP and takt
//! keep their English abbreviations, as they do on plant boards.

use firstshift_core::Phrasebook;

pub const WORDS: Phrasebook = Phrasebook { spanish: SPANISH };

const SPANISH: &[(&str, &str)] = &[
    // The board's headline.
    ("The shift is over", "El turno ha terminado"),
    ("{} of {}", "{} de {}"),
    (" · on break", " · en descanso"),
    (" · line stopped", " · línea parada"),
    ("order complete", "pedido completo"),
    ("short of the order", "por debajo del pedido"),
    ("on pace", "al ritmo"),
    ("behind pace", "por detrás del ritmo"),
    (
        "{}{}: {} good of {} ordered, {}.",
        "{}{}: {} buenas de {} pedidas, {}.",
    ),
    // The KPIs.
    ("OEE", "OEE"),
    ("Throughput", "Producción"),
    ("{} good parts an hour", "{} piezas buenas por hora"),
    ("Takt time", "Tiempo takt"),
    (
        "{} s a part needed; {}",
        "se necesita una pieza cada {} s; {}",
    ),
    (
        "the line makes one every {} s",
        "la línea hace una cada {} s",
    ),
    ("no good part yet", "todavía no hay ninguna pieza buena"),
    ("Work in process", "Trabajo en proceso (WIP)"),
    (
        "{} parts now, {} on average",
        "{} piezas ahora, {} de media",
    ),
    ("Lead time", "Tiempo de ciclo total"),
    ("{} minutes", "{} minutos"),
    ("First-pass yield", "Rendimiento a la primera"),
    ("Quality losses", "Pérdidas de calidad"),
    (
        "{} scrapped, {} reworked, {} reached the customer",
        "{} desechadas, {} reprocesadas, {} llegaron al cliente",
    ),
    ("Bottleneck", "Cuello de botella"),
    (
        "{} (busy or down {} of the time)",
        "{} (ocupada o parada el {} del tiempo)",
    ),
    ("not yet known", "todavía no se sabe"),
    ("Cost so far", "Coste hasta ahora"),
    (
        "{} (buffers {}, maintenance {}, scrap {}, escapes {}, overtime {})",
        "{} (colas {}, mantenimiento {}, desechos {}, defectos al cliente {}, horas extra {})",
    ),
    ("Overtime needed", "Horas extra necesarias"),
    ("{} hours", "{} horas"),
    // A station's state.
    ("working", "trabajando"),
    ("changing over", "en cambio de formato"),
    ("starved", "sin material"),
    ("blocked", "bloqueada"),
    ("down", "parada"),
    ("on break", "en descanso"),
    (
        "down: broken, being repaired",
        "parada: averiada, en reparación",
    ),
    (
        "down: preventive maintenance",
        "parada: mantenimiento preventivo",
    ),
    ("down: no operator", "parada: sin operario"),
    ("down: line stopped", "parada: línea detenida"),
    // A station's line on the board.
    ("{} of {} waiting", "{} de {} en espera"),
    ("{} waiting", "{} en espera"),
    ("automatic", "automática"),
    ("1 operator", "1 operario"),
    ("{} operators", "{} operarios"),
    (", inspects every part", ", inspecciona cada pieza"),
    (
        "{}: {}. {}, {}, {} s a part{}. Working {}, changing over {}, starved {}, blocked {}, down {}. OEE {}.",
        "{}: {}. {}, {}, {} s por pieza{}. Trabajando {}, en cambio {}, sin material {}, bloqueada {}, parada {}. OEE {}.",
    ),
    // The scene.
    ("{} good of {}", "{} buenas de {}"),
    ("{} an hour", "{} por hora"),
    ("Takt {} s, line {}", "Takt {} s, línea {}"),
    ("WIP {}", "WIP {}"),
    ("Lead {} min", "Ciclo {} min"),
    ("auto", "auto"),
    ("1 person", "1 persona"),
    ("{} people", "{} personas"),
    // What happens on the line.
    (
        "{} has broken down at {}. A technician is called.",
        "{} se ha averiado a las {}. Se avisa a un técnico.",
    ),
    (
        "{} is running again after {} minutes down.",
        "{} vuelve a funcionar tras {} minutos parada.",
    ),
    (
        "Preventive maintenance on {} is done.",
        "El mantenimiento preventivo de {} ha terminado.",
    ),
    (
        "The line stops for a {}-minute break.",
        "La línea para para un descanso de {} minutos.",
    ),
    ("The line is running again.", "La línea vuelve a funcionar."),
    (
        "End of shift: {} good parts of {} ordered.",
        "Fin del turno: {} piezas buenas de {} pedidas.",
    ),
    (
        "A customer reports a defective part: a defect got past every check.",
        "Un cliente informa de una pieza defectuosa: un defecto pasó todos los controles.",
    ),
    // Decisions, and why one could not be carried out.
    (
        "This line has no station `{}`.",
        "Esta línea no tiene la estación `{}`.",
    ),
    (
        "An operator moves from {} to {}.",
        "Un operario pasa de {} a {}.",
    ),
    (
        "The buffer before {} now holds {} parts (cost {}).",
        "La cola antes de {} admite ahora {} piezas (coste {}).",
    ),
    (
        "Preventive maintenance booked on {} (cost {}).",
        "Mantenimiento preventivo programado en {} (coste {}).",
    ),
    (
        "Products are now released in batches of {}.",
        "Los productos se lanzan ahora en lotes de {}.",
    ),
    (
        "{} now checks every part ({} seconds each) and {} the defects it finds.",
        "{} revisa ahora cada pieza ({} segundos cada una) y {} los defectos que encuentra.",
    ),
    ("sends back for rework", "devuelve a reprocesar"),
    ("scraps", "desecha"),
    ("{} no longer inspects.", "{} ya no inspecciona."),
    (
        "Changeovers at {} now take {} minutes.",
        "Los cambios de formato en {} duran ahora {} minutos.",
    ),
    (
        "{} runs {} % faster; its defect rate is now {} %.",
        "{} va un {} % más rápido; su tasa de defectos es ahora del {} %.",
    ),
    (
        "The line stops for {} minutes. The team finds the root cause at {} and fixes it.",
        "La línea para {} minutos. El equipo encuentra la causa raíz en {} y la corrige.",
    ),
    (
        "The line stops for {} minutes. The team finds nothing to fix at {}.",
        "La línea para {} minutos. El equipo no encuentra nada que corregir en {}.",
    ),
    (
        "The operator is already at {}.",
        "El operario ya está en {}.",
    ),
    (
        "Nobody is working at {} to move.",
        "No hay nadie trabajando en {} para moverlo.",
    ),
    (
        "{} already has as many operators as can work there ({}).",
        "{} ya tiene todos los operarios que pueden trabajar allí ({}).",
    ),
    (
        "That buffer has no limit already.",
        "Esa cola ya no tiene límite.",
    ),
    (
        "{} is broken down: the repair comes first.",
        "{} está averiada: primero hay que repararla.",
    ),
    (
        "{} is already in maintenance.",
        "{} ya está en mantenimiento.",
    ),
    (
        "Maintenance is already booked at {}.",
        "Ya hay un mantenimiento programado en {}.",
    ),
    // The debrief's chart. "ahead of" and "behind" end in "del" so the sentence
    // reads "terminó 10 por delante del ritmo del pedido".
    (
        "The line over your shift: good parts against the order's pace",
        "La línea durante tu turno: piezas buenas frente al ritmo del pedido",
    ),
    ("Good parts", "Piezas buenas"),
    ("Good parts made", "Piezas buenas hechas"),
    ("The order's pace", "El ritmo del pedido"),
    ("{} ahead of", "{} por delante del"),
    ("{} behind", "{} por detrás del"),
    (
        "The line made {} good parts of an order of {}, ending {} the order's pace ({} by then).",
        "La línea hizo {} piezas buenas de un pedido de {} y terminó {} ritmo del pedido ({} a esa hora).",
    ),
];

#[cfg(test)]
mod tests {
    use super::WORDS;
    use crate::StationState;

    #[test]
    fn every_sentence_the_line_says_has_spanish() {
        // A station's state is said through a lookup (`say(l, state.word())`).
        let said: Vec<&str> = StationState::ALL.iter().map(|s| s.word()).collect();
        let sources = firstshift_testkit::rust_sources(env!("CARGO_MANIFEST_DIR"));
        let texts: Vec<&str> = sources.iter().map(String::as_str).collect();
        let problems = WORDS.check(&texts, &said);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
