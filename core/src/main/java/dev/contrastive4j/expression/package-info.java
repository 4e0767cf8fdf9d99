/**
 * Loss expressions: how a user names the losses to train with, their weights and their parameters, in
 * one string such as {@code 0.7*angle + 0.3*triplet(margin=0.5, distance=cosine)}.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * LossSpec spec = LossSpec.parse("2 * MNRL(scale = 10) + cosent", registry); // registry: a LossCatalog
 * spec.canonical();  // "2*mnrl(scale=10) + cosent"
 * }</pre>
 * {@link dev.contrastive4j.expression.LossExpression#parse} checks the syntax only;
 * {@link dev.contrastive4j.expression.LossExpressionValidator#validate} then checks the result against
 * the losses a {@link dev.contrastive4j.expression.LossCatalog} knows and types every value, giving a
 * {@link dev.contrastive4j.expression.LossSpec}. Every error is a
 * {@link dev.contrastive4j.expression.LossExpressionException} that names a 1-based column.
 *
 * <h2>Grammar</h2>
 * <pre>
 * expression := term ( '+' term )*
 * term       := [ NUMBER '*' ] NAME [ '(' [ arguments ] ')' ]
 * arguments  := terms ( ',' argument )* | argument ( ',' argument )*
 * terms      := term ( '+' term )*                        (the wrapped loss: matryoshka(0.7*mnrl + 0.3*triplet, …))
 * argument   := NAME '=' ( value | list )
 * list       := '[' [ value ( ',' value )* ] ']'
 * value      := NUMBER | NAME | WORD | STRING
 *
 * NUMBER     := '-'? ( DIGIT+ ( '.' DIGIT* )? | '.' DIGIT+ ) ( ( 'e' | 'E' ) ( '+' | '-' )? DIGIT+ )?
 * NAME       := LETTER ( LETTER | DIGIT | '_' | '-' )*          (ASCII letters and digits)
 * WORD       := any other run of letters, digits, '_', '-', '.', '/'
 * STRING     := '"' ( '\"' | '\\' | any character but '"' )* '"'
 *             | "'" ( "\'" | '\\' | any character but "'" )* "'"
 * </pre>
 * <ul>
 *   <li>Whitespace may appear between any two tokens and is otherwise ignored.</li>
 *   <li>Tokens are the longest run that fits: {@code NUMBER}, {@code NAME} and {@code WORD} are all
 *       bare words (letters, digits, {@code _ - . /}), told apart by their whole text, so {@code 0.5},
 *       {@code bge-small} and {@code runs/x/final} are each one token. A {@code +} belongs to a bare
 *       word only as an exponent sign ({@code 1e+5}); anywhere else it separates terms.</li>
 *   <li>Loss and parameter names are case-insensitive and come back in lower case; values keep their
 *       case (the parameter's type decides whether case matters: choices and booleans ignore it).</li>
 *   <li>A weight is optional (1 when left out) and must be a finite number {@code > 0}: {@code -1*mnrl},
 *       {@code 0*mnrl}, {@code inf*mnrl}, {@code nan*mnrl} and {@code 1e999*mnrl} are errors.</li>
 *   <li>In a quoted value a backslash escapes the quote character and itself; before any other
 *       character it is an ordinary character, so {@code 'C:\models\x'} needs no doubling. Values that
 *       contain spaces, commas, parentheses, {@code = + * : ~} or quotes must be quoted.</li>
 *   <li>A parameter may be given once per term. A term may not repeat an earlier term: the parser
 *       rejects the same name with the same arguments, and the validator also rejects terms that only
 *       differ in spelling (an alias, {@code 20} against {@code 20.0}, a default written out). The
 *       same loss with different parameter values may appear twice.</li>
 *   <li>A loss that wraps others ({@code matryoshka}, see
 *       {@link dev.contrastive4j.expression.LossCatalog#wrapsLosses}) takes the wrapped loss or weighted
 *       combination as its first argument, before its own parameters; the wrapped terms are validated like a whole
 *       expression, and their errors point at their own columns. Any other loss takes none. A list value
 *       ({@code dims=[384, 256]}) goes only to a parameter declared as a list, and each element is typed and
 *       range-checked on its own, its errors pointing at the element.</li>
 *   <li>Values are text until validation, which types them with the loss's
 *       {@link dev.contrastive4j.spi.ParameterSpec#parse}; a number, {@code true}/{@code false} and a
 *       bare word are therefore read the same way as the quoted text.</li>
 * </ul>
 */
package dev.contrastive4j.expression;
