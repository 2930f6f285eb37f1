// The tokens of a .vflow file. See grammar/README.md for an overview and docs/language.md for the language.
lexer grammar CallFlowLexer;

// Declaration and structure keywords. Action names (speak_text, menu, ...) are ordinary identifiers:
// the binder looks them up in the action catalogue, so a misspelt action gets a "did you mean" hint
// instead of a parse error.
START     : 'start' ;
MODULE    : 'module' ;
DIRECT    : 'direct' ;
CONDITION : 'condition' ;
USERVAR   : 'uservar' ;
ON        : 'on' ;
KEY       : 'key' ;
CASE      : 'case' ;
AND       : 'and' ;
OR        : 'or' ;
NOT       : 'not' ;
TRUE      : 'true' ;
FALSE     : 'false' ;

ARROW     : '->' ;
LBRACE    : '{' ;
RBRACE    : '}' ;
LPAREN    : '(' ;
RPAREN    : ')' ;
LBRACK    : '[' ;
RBRACK    : ']' ;
COMMA     : ',' ;
SEMI      : ';' ;
EQ        : '==' ;
NEQ       : '!=' ;
LE        : '<=' ;
GE        : '>=' ;
LT        : '<' ;
GT        : '>' ;
ASSIGN    : '=' ;
DASH      : '-' ;
// Only meaningful as menu keys: key * -> Operator, key # -> Done.
STAR      : '*' ;
HASH      : '#' ;

// A label names the action that follows it: `MainMenu: menu { ... }`.
LABEL     : NAME [ \t]* ':' ;

DATE      : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
TIME      : DIGIT DIGIT? ':' DIGIT DIGIT ;
DURATION  : DIGIT+ ('ms' | 's' | 'm' | 'h') ;
NUMBER    : DIGIT+ ('.' DIGIT+)? ;

// $CLI, $CP3, $COUNTER[2], $REG[NightMode], $DBD[0]; a lone `$` is the "current mailbox code" / "any digits" marker.
VARIABLE  : '$' ([A-Za-z_] [A-Za-z0-9_]* ('[' ~[\]\r\n"]* ']')?)? ;

IDENT     : NAME ;

STRING    : '"' (ESCAPE | ~["\\\r\n])* '"' ;
// A string that runs to the end of the line; the tree builder reports it as VF0003 instead of a cascade.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* ;

NEWLINE   : '\r'? '\n' | '\r' ;
WS        : [ \t\f\u00A0\uFEFF]+ -> skip ;
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
// Must not contain '*/', or it would outmatch every closed comment that is followed by more text.
UNTERMINATED_COMMENT : '/*' ( ~[*] | '*'+ ~[*/] )* '*'* EOF ;

// Anything else becomes one error token so the parser can report it and carry on.
ERROR_CHAR : . ;

fragment NAME   : [A-Za-z_] [A-Za-z0-9_]* ;
fragment DIGIT  : [0-9] ;
fragment ESCAPE : '\\' . ;
