import { formatMoney, humanize } from '../format.ts';
import type { AccountDetail, AccountQuestion } from './AccountTypes.ts';

type Answer = AccountDetail['assessmentAnswers'][number];

/** Every recorded assessment answer, newest first (the form above edits the latest per question). */
export function AccountAnswerHistory({
  answers,
  questions,
}: {
  answers: Answer[];
  questions: AccountQuestion[];
}) {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const sorted = [...answers].sort(
    (a, b) => b.answeredOn.localeCompare(a.answeredOn) || b.id - a.id,
  );
  return (
    <details className="account-details">
      <summary>All recorded answers ({answers.length})</summary>
      <div className="table-wrap account-table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Answered</th>
              <th scope="col">Question</th>
              <th scope="col" className="num">
                Answer
              </th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((a) => (
              <tr key={a.id}>
                <td className="account-nowrap">{a.answeredOn}</td>
                <td>{byId.get(a.questionId)?.text ?? humanize(a.questionId)}</td>
                <td className="num">
                  {byId.get(a.questionId)?.kind === 'money' ? formatMoney(a.answer) : a.answer}
                </td>
                <td>{a.answeredBy ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
